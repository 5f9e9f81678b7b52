import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import type { AttachmentDto } from '@parley/protocol';
import { activeChat, describeBackends, useServer } from './harness';
import { startTestS3, type TestS3 } from './s3-server';
import { S3FileStore } from '../src/app/file-store/s3-file-store';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const HTML = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';

function form(name: string, type: string, bytes: Buffer | string): FormData {
  const f = new FormData();
  f.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
  return f;
}

describeBackends('attachments: types from the bytes, channel limits', (backend) => {
  const srv = useServer(backend, { attachments: { maxFileBytes: 4096, maxFiles: 2 } });

  it('a PNG name on HTML bytes is refused (415 with the reason) by the customer and the agent upload alike', async () => {
    const { a1, c } = await activeChat(srv());
    const byCustomer = await c.upload('photo.png', 'image/png', HTML);
    expect(byCustomer.status).toBe(415);
    expect(byCustomer.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNSUPPORTED_MEDIA', message: expect.stringMatching(/HTML, SVG or script/) } });
    const byAgent = await a1.request('POST', '/api/attachments', form('photo.png', 'image/png', HTML));
    expect(byAgent.status).toBe(415);
    expect(byAgent.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNSUPPORTED_MEDIA' } });
  });

  it('records and serves the type the bytes are, not the one declared', async () => {
    const { a1, id } = await activeChat(srv());
    const up = await a1.request<AttachmentDto>('POST', `/api/attachments?conversationId=${id}`, form('notes.png', 'image/png', 'just some notes'));
    expect(up.status).toBe(200);
    expect(up.body.mimeType).toBe('text/plain');
    const real = await a1.request<AttachmentDto>('POST', '/api/attachments', form('photo.bin', 'application/octet-stream', PNG));
    expect(real.body.mimeType).toBe('image/png');
    const file = await fetch(new URL(real.body.url, srv().url));
    expect(file.headers.get('content-type')).toBe('image/png');
  });

  it('the server caps size per file and files per message (PARLEY_MAX_ATTACHMENT_BYTES, PARLEY_MAX_ATTACHMENTS)', async () => {
    const { a1, c, id } = await activeChat(srv());
    const big = await c.upload('big.txt', 'text/plain', 'x'.repeat(4097));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: { code: 'PARLEY_ERR_PAYLOAD_TOO_LARGE' } });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const r = await a1.request<AttachmentDto>('POST', `/api/attachments?conversationId=${id}`, form(`f${n}.txt`, 'text/plain', `file ${n}`));
      expect(r.status).toBe(200);
      ids.push(r.body.id);
    }
    const tooMany = await a1.request('POST', `/api/conversations/${id}/messages`, { clientId: 'too-many', text: 'three files', attachmentIds: ids });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringMatching(/At most 2 files/) } });
    const two = await a1.sendMessage(id, 'two files', { attachmentIds: ids.slice(0, 2) });
    expect(two.attachments).toHaveLength(2);
  });

  it('an upload for a conversation the agent is not handling is refused', async () => {
    const server = srv();
    const { id } = await activeChat(server);
    const other = await server.agent('agent2');
    const r = await other.request('POST', `/api/attachments?conversationId=${id}`, form('a.txt', 'text/plain', 'hi'));
    expect(r.status).toBe(403);
  });
});

describe('attachments in an S3-compatible bucket (s3rver)', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(async () => {
    await s3.stop();
  });
  const srv = useServer('sqlite', { fileStore: { get s3() { return s3.settings; } } });

  it('uploads into the bucket, serves the bytes from it, and the sweep deletes unsent ones there', async () => {
    const server = srv();
    const bucket = new S3FileStore(s3.settings);
    const { a1, c, id } = await activeChat(server);
    const up = await c.upload('photo.png', 'image/png', PNG);
    expect(up.status).toBe(200);
    const att = up.body as AttachmentDto;
    expect(await bucket.exists(att.id)).toBe(true);

    const msg = await c.say('photo', { attachmentIds: [att.id] });
    const file = await fetch(new URL(msg.attachments[0]!.url, server.url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    const abandoned = await a1.request<AttachmentDto>('POST', `/api/attachments?conversationId=${id}`, form('draft.txt', 'text/plain', 'never sent'));
    expect(await bucket.exists(abandoned.body.id)).toBe(true);
    expect(await server.server.sweepUnsentAttachments(Date.now() + 25 * 3600_000)).toBe(1);
    expect(await bucket.exists(abandoned.body.id)).toBe(false);
    expect(await bucket.exists(att.id)).toBe(true);
    expect((await fetch(new URL(abandoned.body.url, server.url))).status).toBe(404);
  });
});
