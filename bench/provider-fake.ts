/**
 * A minimal WhatsApp Cloud API for the outbox benchmark: `POST /{version}/{phone id}/messages`
 * answers 200 with a fresh wamid (a mark-read body answers `{"success":true}`), nothing else is
 * checked. Run as a child process so neither Parley nor the bench's own client shares its loop:
 *   PORT=… node --import tsx bench/provider-fake.ts   → prints "READY <port>"
 * Control (bench only):
 *   POST /_gate/close   hold every answer until /_gate/open (sends pile up in the outbox meanwhile)
 *   POST /_gate/open    release the held answers, answer at once from then on
 *   POST /_reset        answers `{sends, markReads, other}` (answered since the last reset), then zeroes them
 */
import { createServer, type ServerResponse } from 'node:http';

const port = Number(process.env.PORT ?? 0);
let sends = 0;
let markReads = 0;
let other = 0;
let gateClosed = false;
const held: (() => void)[] = [];

const json = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const counts = () => JSON.stringify({ sends, markReads, other });

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url.startsWith('/_')) {
    if (url === '/_gate/close') gateClosed = true;
    else if (url === '/_gate/open') {
      gateClosed = false;
      for (const answer of held.splice(0)) answer();
    } else if (url === '/_reset') {
      json(res, 200, counts());
      sends = markReads = other = 0;
      return;
    }
    json(res, 200, counts());
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const answer = () => {
      if (req.method !== 'POST' || !url.endsWith('/messages')) {
        other++;
        json(res, 404, '{"error":{"message":"not faked","code":100}}');
        return;
      }
      // A string search, not a parse: the fake should cost as little as possible.
      if (Buffer.concat(chunks).includes('"status":"read"')) {
        markReads++;
        json(res, 200, '{"success":true}');
        return;
      }
      sends++;
      json(res, 200, `{"messaging_product":"whatsapp","messages":[{"id":"wamid.FAKE${sends}"}]}`);
    };
    if (gateClosed) held.push(answer);
    else answer();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`READY ${typeof a === 'object' && a ? a.port : port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
