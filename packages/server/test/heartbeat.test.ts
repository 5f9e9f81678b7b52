/** Dead peers: a socket that stops answering pings is closed; a live one stays. */
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeBackends, useServer } from './harness';

describeBackends('WebSocket heartbeat', (backend) => {
  const srv = useServer(backend, { wsHeartbeatMs: 150 });

  it('terminates a socket that answers no ping, keeps one that does', async () => {
    const s = srv();
    const agent = await s.agent('agent1', { connect: false });
    const url = `${s.url.replace(/^http/, 'ws')}/api/ws?token=${encodeURIComponent(agent.token)}`;
    const open = (opts: WebSocket.ClientOptions) =>
      new Promise<WebSocket>((ok, fail) => {
        const ws = new WebSocket(url, opts);
        ws.once('open', () => ok(ws));
        ws.once('error', fail);
      });
    const silent = await open({ autoPong: false });
    const live = await open({});
    const closed = new Promise<number>((ok) => silent.once('close', (code) => ok(code)));
    // Two intervals: one ping unanswered, then terminated.
    expect(await closed).toBe(1006);
    // Not a sleep: the live socket sees three more pings, so the server checked its pongs at least
    // twice since and kept it (a terminated socket would close instead).
    const outcome = await new Promise<string>((ok) => {
      let pings = 0;
      live.on('ping', () => ++pings === 3 && ok('three pings, still open'));
      live.once('close', (code) => ok(`closed ${code}`));
    });
    expect(outcome).toBe('three pings, still open');
    expect(live.readyState).toBe(WebSocket.OPEN);
    live.close();
  });
});
