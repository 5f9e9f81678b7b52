import { Writable } from 'node:stream';
import pino from 'pino';

/** A debug-level logger whose lines the test reads back (what a server logged, e.g. never a secret). */
export function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), text: () => lines.join('') };
}
