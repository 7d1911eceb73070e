/**
 * A local SMTP receiver for `bench:notifications`, in its own process (so that its work does not count as the
 * worker's): accepts every message, reads it to the end, counts it and its distinct Message-IDs. Prints
 * `ready <port>` once listening; on SIGTERM prints `received <n> distinct <m>` and exits.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
const ids = new Set<string>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  disableReverseLookup: true,
  logger: false,
  maxClients: 1000,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 4096) head += chunk.toString('utf8');
    });
    stream.on('end', () => {
      received++;
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
      if (id) ids.add(id);
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ready ${(server.server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  process.stdout.write(`received ${received} distinct ${ids.size}\n`);
  server.close(() => process.exit(0));
});
