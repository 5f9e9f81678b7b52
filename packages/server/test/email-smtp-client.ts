import { connect, type Socket } from 'node:net';

/**
 * A bare SMTP client over a raw socket, for what nodemailer will not do: lie about the size, send
 * garbage, hang up mid-message. Each call sends a line and waits for the server's complete reply.
 */
export interface RawSmtp {
  /** The greeting, e.g. "220 …". */
  greeting: string;
  /** Sends `line` (CRLF added) and resolves with the full reply (all lines of a multi-line one). */
  command: (line: string) => Promise<string>;
  /** Sends bytes as they are and waits for the next complete reply. */
  send: (bytes: string | Buffer) => Promise<string>;
  /** Resolves when the server closed the connection. */
  closed: Promise<void>;
  destroy: () => void;
}

export async function rawSmtp(port: number, host = '127.0.0.1'): Promise<RawSmtp> {
  const socket: Socket = connect(port, host);
  let buffer = '';
  let waiting: ((reply: string) => void) | undefined;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  const take = () => {
    // A reply is complete at a line "NNN text" (a dash after the code means more lines follow).
    const m = /(^|\r\n)\d{3}(?: [^\r\n]*)?\r\n/.exec(buffer);
    if (!m || !waiting) return;
    const end = m.index + m[0].length;
    const reply = buffer.slice(0, end).trim();
    buffer = buffer.slice(end);
    const w = waiting;
    waiting = undefined;
    w(reply);
  };
  socket.on('data', (d: Buffer) => {
    buffer += d.toString('latin1');
    take();
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      waiting = resolve;
      closed.then(() => reject(new Error(`connection closed; unread: ${buffer}`)));
      take();
    });
  const greeting = await next();
  return {
    greeting,
    command: (line) => {
      socket.write(`${line}\r\n`);
      return next();
    },
    send: (bytes) => {
      socket.write(bytes);
      return next();
    },
    closed,
    destroy: () => socket.destroy(),
  };
}
