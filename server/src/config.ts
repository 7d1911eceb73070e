import path from 'node:path';
import { z } from 'zod';

/**
 * The validated configuration. Nothing else in the server reads `process.env`.
 * A bad value stops the start with a message naming the variable.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(4000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DEMO_DATA: booleanFlag.optional(),
  LOG_SQL: booleanFlag.default(false),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_MINUTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(24 * 60, 'must be at most 1440')
    .default(15),
  REFRESH_TOKEN_TTL_DAYS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365')
    .default(30),
  LOGIN_MAX_FAILURES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(24 * 60, 'must be at most 1440')
    .default(15),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL')
    .optional(),
  LIVE_COALESCE_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(10_000, 'must be at most 10000')
    .default(100),
  LIVE_FANOUT: z.enum(['shared', 'per-subscriber'], { error: 'must be shared or per-subscriber' }).default('shared'),
  WS_AUTH_RECHECK_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(3600, 'must be at most 3600')
    .default(30),
  DEADLINE_SWEEP_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(3600, 'must be at most 3600')
    .default(60),
  PERSONAL_DATA_RETENTION_YEARS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(100, 'must be at most 100')
    .default(10),
  LOGIN_FAILURES_PER_IP: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(100_000, 'must be at most 100000')
    .default(50),
  TRUST_PROXY: z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(0, 'must not be negative').max(10, 'must be at most 10').default(0),
  FRAME_ANCESTORS: z
    .string()
    .regex(/^[\w\s.:/*'-]+$/, "must be space-separated origins, e.g. https://portal.example.gov.cn 'self'")
    .optional(),
  LOGIN_FAILURE_DELAY_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(10_000, 'must be at most 10000')
    .default(250),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.gov.cn:587')
    .optional(),
  SMTP_FROM: z.string().max(200, 'must be at most 200 characters').optional(),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL, e.g. https://duban.example.gov.cn')
    .optional(),
  NOTIFY_SECRET_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  REMINDER_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM-HH:MM (Asia/Shanghai), e.g. 09:00-17:30')
    .default('09:00-17:30'),
  REMINDER_SWEEP_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(3600, 'must be at most 3600')
    .default(300),
  NOTIFY_POLL_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(60_000, 'must be at most 60000')
    .default(1000),
  NOTIFY_MAX_ATTEMPTS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(50, 'must be at most 50')
    .default(8),
  NOTIFY_RETRY_BASE_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(3_600_000, 'must be at most 3600000')
    .default(30_000),
  NOTIFY_DIGEST_WAIT_MINUTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(480, 'must be at most 480')
    .default(30),
  NOTIFY_LEASE_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(3600, 'must be at most 3600')
    .default(120),
  CLOCK_AT: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
      'must be an ISO 8601 date-time with its offset, e.g. 2027-01-01T09:30:00+08:00',
    )
    .refine((v) => isRealDateTime(v), 'must be a real date-time after 2000')
    .optional(),
});

/** 2027-02-30T… parses (as 2 March): check the written day exists. */
function isRealDateTime(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && !Number.isNaN(Date.parse(value));
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  /** Absolute path; the embedded PostgreSQL keeps its cluster under `<dataDir>/pg`. */
  dataDir: string;
  /** When set, nothing is embedded. */
  databaseUrl: string | undefined;
  /** Seed the demo plans into an empty database (default: on, except in production). */
  seedDemoData: boolean;
  logSql: boolean;
  realtime: {
    /** Redis pub/sub between instances instead of PostgreSQL LISTEN/NOTIFY. */
    redisUrl: string | undefined;
    coalesceMs: number;
    /** `per-subscriber` only to measure the baseline (what graphql-ws does by default). */
    fanout: 'shared' | 'per-subscriber';
    /** Safety net behind the "credentials revoked" messages: open sockets' credentials are re-checked this often. */
    authRecheckSeconds: number;
  };
  /** Reverse proxies in front of us whose X-Forwarded-For is believed (express `trust proxy`); 0: none. */
  trustProxy: number;
  /** Origins allowed to frame the pages (CSP frame-ancestors); empty: none. */
  frameAncestors: string[];
  /** Years after the reply that an applicant's personal data is kept (0: never erased). */
  personalDataRetentionYears: number;
  /** How often the deadline sweep runs (0: never; tests sweep on demand). */
  deadlineSweepSeconds: number;
  /** CLOCK_AT: run "as of" this instant (advancing with real time); never in production. See time/clock.ts. */
  clockAt: Date | undefined;
  auth: AuthConfig;
  notifications: NotificationConfig;
}

export interface NotificationConfig {
  /** smtp://user:password@host:port (smtps:// for TLS); unset: e-mail channels fail with a clear answer. */
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  /** The product's address, to make links in messages absolute. */
  publicUrl: string | undefined;
  /** Seals robot secrets; when unset a key is generated once and kept in the database. */
  secretKey: string | undefined;
  /** Office hours for reminders, Asia/Shanghai ("09:00-17:30"). */
  reminderHours: { from: string; to: string };
  /** How often reminders are planned (0: never; tests plan on demand). */
  reminderSweepSeconds: number;
  /** How often the outbox worker looks for messages (0: this instance sends nothing). */
  pollMs: number;
  maxAttempts: number;
  /** Backoff of the n-th retry: base × 2^(n−1), at most an hour. */
  retryBaseMs: number;
  /** A claimed message not marked sent within this is claimed again (the worker died mid-send). */
  leaseSeconds: number;
  /** 每日汇总 channels: held reminders go out together once the oldest has waited this long. */
  digestWaitMinutes: number;
}

export interface AuthConfig {
  /** Password of the bootstrap user `admin` on first start; generated and printed once when unset. */
  adminPassword: string | undefined;
  /** Token-signing key; when unset a key is generated once and kept in the database. */
  secret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Consecutive failures that lock an account. */
  maxFailures: number;
  lockSeconds: number;
  /** Base delay after a failed login, doubled per consecutive failure (capped at 5 s). */
  failureDelayMs: number;
  /** Failed login/refreshSession calls one client address may make in 15 minutes (0: no limit). */
  failuresPerIp: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(raw[String(i.path[0])] ?? '')}: ${i.message}`));
  }
  const c = parsed.data;
  if (c.CLOCK_AT && c.NODE_ENV === 'production') {
    throw new ConfigError([`CLOCK_AT=${JSON.stringify(c.CLOCK_AT)}: a simulated clock is refused in production (unset it)`]);
  }
  return {
    nodeEnv: c.NODE_ENV,
    isProduction: c.NODE_ENV === 'production',
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(cwd, c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    seedDemoData: c.DEMO_DATA ?? c.NODE_ENV !== 'production',
    logSql: c.LOG_SQL,
    deadlineSweepSeconds: c.DEADLINE_SWEEP_SECONDS,
    personalDataRetentionYears: c.PERSONAL_DATA_RETENTION_YEARS,
    trustProxy: c.TRUST_PROXY,
    frameAncestors: c.FRAME_ANCESTORS?.split(/\s+/).filter(Boolean) ?? [],
    clockAt: c.CLOCK_AT ? new Date(c.CLOCK_AT) : undefined,
    realtime: { redisUrl: c.REDIS_URL, coalesceMs: c.LIVE_COALESCE_MS, fanout: c.LIVE_FANOUT, authRecheckSeconds: c.WS_AUTH_RECHECK_SECONDS },
    auth: {
      adminPassword: c.ADMIN_PASSWORD,
      secret: c.AUTH_SECRET,
      accessTokenTtlSeconds: c.ACCESS_TOKEN_TTL_MINUTES * 60,
      refreshTokenTtlSeconds: c.REFRESH_TOKEN_TTL_DAYS * 86_400,
      maxFailures: c.LOGIN_MAX_FAILURES,
      lockSeconds: c.LOGIN_LOCK_MINUTES * 60,
      failureDelayMs: c.LOGIN_FAILURE_DELAY_MS,
      failuresPerIp: c.LOGIN_FAILURES_PER_IP,
    },
    notifications: {
      smtpUrl: c.SMTP_URL,
      smtpFrom: c.SMTP_FROM,
      publicUrl: c.PUBLIC_URL,
      secretKey: c.NOTIFY_SECRET_KEY,
      reminderHours: { from: c.REMINDER_HOURS.slice(0, 5), to: c.REMINDER_HOURS.slice(6) },
      reminderSweepSeconds: c.REMINDER_SWEEP_SECONDS,
      pollMs: c.NOTIFY_POLL_MS,
      maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
      retryBaseMs: c.NOTIFY_RETRY_BASE_MS,
      leaseSeconds: c.NOTIFY_LEASE_SECONDS,
      digestWaitMinutes: c.NOTIFY_DIGEST_WAIT_MINUTES,
    },
  };
}
