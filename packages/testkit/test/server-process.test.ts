import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { boundPort, boundSmtpPort, startServer } from '../src/server-process';

/** The first line an SMTP server sends on a new connection. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString());
    });
  });
}

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

describe('boundSmtpPort', () => {
  it('reads the SMTP listener’s port from the banner, only once its line is complete', () => {
    expect(boundSmtpPort('  SMTP listener:   smtp://127.0.0.1:2')).toBeUndefined();
    expect(boundSmtpPort('  Metrics:         http://127.0.0.1:1/metrics\n  SMTP listener:   smtp://127.0.0.1:25251 (mail)\n')).toBe(25251);
    expect(boundSmtpPort('  Agent Desktop:   http://127.0.0.1:45678/\n')).toBeUndefined();
  });
});

describe('startServer', () => {
  it('PARLEY_SMTP_PORT=0: the listener binds a free port, the banner prints it, and it answers there', async () => {
    const s = await startServer({ env: { PARLEY_SMTP_PORT: '0', PARLEY_SMTP_HOST: '127.0.0.1' } });
    try {
      expect(s.smtpPort).toBeGreaterThan(0);
      expect(s.logs()).toContain(`SMTP listener:   smtp://127.0.0.1:${s.smtpPort} `);
      expect(await greeting(s.smtpPort!)).toMatch(/^220 /);
    } finally {
      await s.stop();
    }
  });

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
