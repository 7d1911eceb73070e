/**
 * A delivery worker that dies (SIGKILL, no cleanup) in the middle of a send — before the channel is called, or after
 * the channel said ok but before the answer is recorded — for the exactly-once tests (test/integration/reminders.test.ts).
 * Env: DATABASE_URL, SMTP_URL, CRASH (before-send | after-send).
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig } from '../../server/src/db/orm.config.js';
import { sendTo } from '../../server/src/modules/notifications/channels/index.js';
import { parseSmtpUrl } from '../../server/src/modules/notifications/channels/email.js';
import { DeliveryWorker } from '../../server/src/modules/notifications/delivery-worker.js';
import { deriveSecretKey } from '../../server/src/modules/notifications/secret-box.js';

const orm = await MikroORM.init(createOrmConfig({ clientUrl: process.env.DATABASE_URL!, quiet: true }));
const crash = process.env.CRASH;
const worker = new DeliveryWorker(
  orm,
  {
    instance: `crashing-${process.pid}`,
    leaseSeconds: 1,
    maxAttempts: 5,
    retryBaseMs: 10,
    batchSize: 1,
    concurrency: 1,
    secretKey: deriveSecretKey('crash-test'),
    send: { smtp: parseSmtpUrl(process.env.SMTP_URL!, null, 5_000), httpTimeoutMs: 5_000, now: () => Date.now() },
    digestWaitMs: 0,
  },
  async (message, target, ctx) => {
    if (crash === 'before-send') process.kill(process.pid, 'SIGKILL');
    const result = await sendTo(message, target, ctx);
    if (crash === 'after-send') process.kill(process.pid, 'SIGKILL');
    return result;
  },
);
await worker.runOnce();
// Not reached when it crashed as asked.
await orm.close(true);
process.exit(3);
