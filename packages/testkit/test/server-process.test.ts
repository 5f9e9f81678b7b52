import { describe, expect, it } from 'vitest';
import { boundPort, startServer } from '../src/server-process';

describe('boundPort', () => {
  it('reads the port from the banner, only once its line is complete', () => {
    expect(boundPort('\n  Parley is running.\n  Agent Desktop:   http://127.0.0.1:4')).toBeUndefined();
    expect(boundPort('\n  Parley is running.\n  Agent Desktop:   http://127.0.0.1:45678/\n')).toBe(45678);
  });

  it('reads a banner that says localhost (a server listening on every address)', () => {
    expect(boundPort('  Agent Desktop:   http://localhost:40001/\n')).toBe(40001);
  });

  it('ignores JSON log lines', () => {
    expect(boundPort('{"level":40,"msg":"see http://127.0.0.1:9/"}\n')).toBeUndefined();
  });
});

describe('startServer', () => {
  it('starts servers side by side on ports the OS picked, each answering on its own URL', async () => {
    const servers = await Promise.all([startServer(), startServer()]);
    try {
      const [a, b] = servers;
      expect(a!.port).toBeGreaterThan(0);
      expect(a!.port).not.toBe(b!.port);
      for (const s of servers) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
