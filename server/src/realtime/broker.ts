import { Redis } from 'ioredis';
import pg from 'pg';
import type { BrokerMessage } from './topics.js';

/**
 * Carries invalidations (and "credentials revoked" messages) to every instance, the sender
 * included. PostgreSQL LISTEN/NOTIFY by default, Redis pub/sub when REDIS_URL is set. Publishing happens after the write committed.
 * A lost subscription connection is re-established with capped backoff; `onResync` then runs so
 * that every live subscription is recomputed from the database (nothing missed stays missed).
 */
export interface Broker {
  readonly kind: 'postgres' | 'redis';
  start(): Promise<void>;
  publish(message: BrokerMessage): Promise<void>;
  onMessage(handler: (message: BrokerMessage) => void): void;
  onResync(handler: () => void): void;
  stop(): Promise<void>;
}

export const CHANNEL = 'zwgk_invalidations';
const MAX_BACKOFF_MS = 5_000;

export interface BrokerLogger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

abstract class BaseBroker {
  protected readonly handlers: ((m: BrokerMessage) => void)[] = [];
  protected readonly resyncHandlers: (() => void)[] = [];
  protected stopped = false;

  constructor(protected readonly log: BrokerLogger) {}

  onMessage(handler: (message: BrokerMessage) => void): void {
    this.handlers.push(handler);
  }

  onResync(handler: () => void): void {
    this.resyncHandlers.push(handler);
  }

  protected deliver(raw: string): void {
    let message: BrokerMessage;
    try {
      message = JSON.parse(raw) as BrokerMessage;
    } catch {
      return;
    }
    for (const h of this.handlers) h(message);
  }

  protected resync(): void {
    for (const h of this.resyncHandlers) h();
  }
}

export class PostgresBroker extends BaseBroker implements Broker {
  readonly kind = 'postgres' as const;
  private listener: pg.Client | undefined;
  private readonly publisher: pg.Pool;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempts = 0;

  constructor(
    private readonly url: string,
    log: BrokerLogger,
  ) {
    super(log);
    this.publisher = new pg.Pool({ connectionString: url, max: 2 });
    this.publisher.on('error', (e) => log.error('NOTIFY pool error', e));
  }

  async start(): Promise<void> {
    await this.connect();
  }

  /** The LISTEN connection in use (tests kill it to check recovery). */
  get listenerPid(): number | undefined {
    return (this.listener as unknown as { processID?: number } | undefined)?.processID;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', (e) => this.log.error('LISTEN connection error', e));
    client.on('notification', (n) => n.channel === CHANNEL && n.payload && this.deliver(n.payload));
    client.on('end', () => {
      if (this.listener === client) this.listener = undefined;
      if (!this.stopped) this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    this.attempts = 0;
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.stopped) return;
    const delay = Math.min(100 * 2 ** this.attempts++, MAX_BACKOFF_MS);
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = undefined;
      try {
        await this.connect();
        this.log.info('LISTEN connection re-established; resynchronising live subscriptions');
        this.resync();
      } catch (e) {
        this.log.error('LISTEN reconnect failed', e);
        this.scheduleReconnect();
      }
    }, delay);
    this.reconnectTimer.unref();
  }

  async publish(message: BrokerMessage): Promise<void> {
    await this.publisher.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(message)]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
    await this.publisher.end().catch(() => undefined);
  }
}

export class RedisBroker extends BaseBroker implements Broker {
  readonly kind = 'redis' as const;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private everReady = false;

  constructor(url: string, log: BrokerLogger) {
    super(log);
    const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 10), MAX_BACKOFF_MS);
    this.publisher = new Redis(url, { lazyConnect: true, retryStrategy, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: true, retryStrategy, autoResubscribe: true });
    for (const r of [this.publisher, this.subscriber]) r.on('error', (e) => log.error('Redis error', e));
    this.subscriber.on('message', (channel: string, payload: string) => channel === CHANNEL && this.deliver(payload));
    this.subscriber.on('ready', () => {
      // ioredis resubscribes by itself; whatever was published meanwhile is recomputed.
      if (this.everReady) {
        this.log.info('Redis subscription re-established; resynchronising live subscriptions');
        this.resync();
      }
      this.everReady = true;
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(CHANNEL);
  }

  /** For tests: the subscriber connection. */
  get subscriberConnection(): Redis {
    return this.subscriber;
  }

  async publish(message: BrokerMessage): Promise<void> {
    await this.publisher.publish(CHANNEL, JSON.stringify(message));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
