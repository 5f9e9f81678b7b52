/**
 * A shutdown is never held by a client: one that stops reading a download (so its response can't
 * finish) has its connection closed after the grace period, and the server's close completes.
 */
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import type { AttachmentDto } from '@parley/protocol';
import { activeChat, describeBackends, useServer } from './harness';

describeBackends('shutdown', (backend) => {
  const srv = useServer(backend, { closeGraceMs: 500 });

  it('closes even while a client has stopped reading a large download', { timeout: 60_000 }, async () => {
    const s = srv();
    const { a1 } = await activeChat(s);
    // 20 MB: far more than the socket buffers hold, so the response can't finish while nobody reads.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'big.pdf');
    const up = await a1.request<AttachmentDto>('POST', '/api/attachments', form);
    expect(up.status).toBe(200);
    const url = new URL(up.body.url, s.url);
    const socket = connect(Number(url.port), '127.0.0.1');
    socket.on('error', () => {});
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // The first bytes of the answer arrive; then the client stops reading.
    const started = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    await started;
    socket.pause();
    await s.server.close();
    // The server cut the download short: reading on, the client finds the connection closed early.
    let received = 0;
    socket.on('data', (d: Buffer) => {
      received += d.length;
    });
    socket.resume();
    await closed;
    expect(received).toBeLessThan(pdf.length);
  });
});
