/**
 * Starts what sends and plans, on this instance: the outbox worker (every NOTIFY_POLL_MS, draining while there is
 * more) and the reminder planner (every REMINDER_SWEEP_SECONDS). Both are safe on several instances at once.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NotificationConfig } from '../../config.js';
import { startPeriodic } from '../../core/periodic.js';
import { closeEmailPools, parseSmtpUrl } from './channels/email.js';
import type { SmtpSettings } from './channels/types.js';
import { DeliveryWorker, type DeliveryWorkerSettings } from './delivery-worker.js';
import type { NotificationSettings } from './notification-settings.js';
import { ReminderPlanner } from './reminder-planner.js';

export interface NotificationHooks {
  onError: (what: string, error: unknown) => void;
  /** After a planning round that wrote notifications (live unread counts). */
  onPlanned: () => void;
}

const SMTP_TIMEOUT_MS = 15_000;

export function smtpSettingsOf(config: NotificationConfig, onError: NotificationHooks['onError']): SmtpSettings | null {
  if (!config.smtpUrl) return null;
  try {
    return parseSmtpUrl(config.smtpUrl, config.smtpFrom ?? null, SMTP_TIMEOUT_MS);
  } catch (e) {
    onError('SMTP_URL is not usable; e-mail channels will fail', e);
    return null;
  }
}

export function workerSettingsOf(config: NotificationConfig, settings: NotificationSettings, onError: NotificationHooks['onError']): DeliveryWorkerSettings {
  return {
    instance: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    leaseSeconds: config.leaseSeconds,
    maxAttempts: config.maxAttempts,
    retryBaseMs: config.retryBaseMs,
    batchSize: 100,
    concurrency: 8,
    secretKey: settings.secretKey,
    send: { smtp: smtpSettingsOf(config, onError), httpTimeoutMs: 10_000, now: () => Date.now() },
    digestWaitMs: config.digestWaitMinutes * 60_000,
  };
}

/** Starts the worker and the planner as configured; returns a stop function that waits for a round in progress. */
export function startNotifications(orm: MikroORM, config: NotificationConfig, settings: NotificationSettings, hooks: NotificationHooks): () => Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  if (config.pollMs > 0) {
    const worker = new DeliveryWorker(orm, workerSettingsOf(config, settings, hooks.onError));
    stops.push(
      startPeriodic(
        async () => {
          // Drain: a full batch means there may be more.
          for (let round = await worker.runOnce(); round.claimed >= 100; round = await worker.runOnce());
        },
        config.pollMs,
        (e) => hooks.onError('Sending notifications failed', e),
      ),
    );
  }
  if (config.reminderSweepSeconds > 0) {
    const planner = new ReminderPlanner(orm, { hours: config.reminderHours, publicUrl: settings.publicUrl });
    stops.push(
      startPeriodic(
        async () => {
          const outcome = await planner.plan();
          if (outcome.planned && outcome.inApp + outcome.deliveries > 0) hooks.onPlanned();
        },
        config.reminderSweepSeconds * 1000,
        (e) => hooks.onError('Planning reminders failed', e),
      ),
    );
  }
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
    closeEmailPools();
  };
}
