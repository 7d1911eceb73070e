/**
 * Sends the outbox (notification_delivery). Every instance may run a worker: a worker claims a batch of due rows
 * with `FOR UPDATE SKIP LOCKED` and a lease (claimed_until), so two workers never hold the same row; it then sends
 * each through its channel and records the answer, guarded by its own claim.
 *
 * Delivery is at-least-once to the channel: a worker that dies between the channel's "ok" and recording it leaves a
 * claimed row whose lease runs out; another worker sends it again. The key makes that resend recognisable: an e-mail
 * carries a Message-ID derived from it (the same delivery → the same id, which mail systems drop as a duplicate).
 * Nothing is lost: a row is only SENT after its channel said ok, only FAILED after a refusal for good or its last
 * attempt; retries back off (base × 2^(n−1), at most an hour). A dead channel fails its own rows only.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { sendTo } from './channels/index.js';
import type { ChannelKind, ChannelTarget, OutgoingMessage, SendContext, SendResult } from './channels/types.js';
import { DeliveryState } from './notification-enums.js';
import { openSecret } from './secret-box.js';

export interface DeliveryWorkerSettings {
  /** Who claims (host:pid:random): the claim a row's answer is recorded under. */
  instance: string;
  leaseSeconds: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Rows claimed at a time. */
  batchSize: number;
  /** Sends in flight at once (a hung channel holds one slot until its timeout). */
  concurrency: number;
  secretKey: Buffer;
  send: SendContext;
  /**
   * 每日汇总: a digest channel's held reminders go out as one message once the oldest has waited this long (the planner
   * writes a day's reminders in one burst at the start of office hours, so that is one message a day).
   */
  digestWaitMs: number;
}

export interface WorkerRound {
  claimed: number;
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Given up (refused for good, or the last attempt). */
  failed: number;
}

interface ClaimedRow {
  id: number;
  key: string;
  title: string;
  text: string;
  link: string | null;
  attempts: number;
  kind: ChannelKind;
  target: string;
  secret_sealed: string | null;
  muted: boolean;
}

export type Sender = (message: OutgoingMessage, target: ChannelTarget, ctx: SendContext) => Promise<SendResult>;

const HOUR_MS = 3_600_000;
/** Lines a digest lists before "另有 N 条". */
const DIGEST_LINES = 30;

export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(HOUR_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

export class DeliveryWorker {
  constructor(
    private readonly orm: MikroORM,
    private readonly settings: DeliveryWorkerSettings,
    private readonly sender: Sender = sendTo,
  ) {}

  /** Claims what is due, sends it, records the answers. Returns what happened (all zeros when idle). */
  async runOnce(): Promise<WorkerRound> {
    await this.gatherDigests();
    const rows = await this.claim();
    const round: WorkerRound = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const outcome = await this.deliver(row);
        round[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, rows.length) }, lane));
    return round;
  }

  /**
   * Turns each digest channel's held reminders into one outbox row (PENDING), once the oldest has waited long enough;
   * the held rows become DIGESTED and point to it. Rows locked by another worker doing the same are skipped.
   */
  async gatherDigests(): Promise<number> {
    const em = this.orm.em.fork();
    const ready = await em.execute<{ channel_id: number }[]>(
      `select channel_id from notification_delivery where state = 'HELD'
        group by channel_id having min(created_at) <= now() - make_interval(secs => ?::float8 / 1000)`,
      [this.settings.digestWaitMs],
    );
    let made = 0;
    for (const { channel_id: channelId } of ready) {
      made += await em.transactional(async (tx) => {
        const held = await tx.execute<{ id: number; title: string; link: string | null; digest_date: string }[]>(
          `select id, title, link, to_char(digest_date, 'YYYY-MM-DD') as digest_date from notification_delivery
            where channel_id = ? and state = 'HELD' order by id for update skip locked`,
          [channelId],
        );
        if (!held.length) return 0;
        const shown = held.slice(0, DIGEST_LINES);
        const text = [
          ...shown.map((h, i) => `${i + 1}. ${h.title.replace(/^【[^】]*】/, '')}`),
          ...(held.length > shown.length ? [`……另有 ${held.length - shown.length} 条，请登录督办台查看。`] : []),
        ].join('\n');
        const [digest] = await tx.execute<{ id: number }[]>(
          `insert into notification_delivery (key, channel_id, title, text, link, state, created_at, next_attempt_at)
           values (?, ?, ?, ?, ?, 'PENDING', now(), now()) returning id`,
          [
            `digest:C${channelId}:${held[0]!.id}-${held.at(-1)!.id}`,
            channelId,
            `【每日汇总】${held.length} 条督办提醒（${held[0]!.digest_date}）`,
            text,
            held.find((h) => h.link)?.link ?? null,
          ],
        );
        await tx.execute(`update notification_delivery set state = 'DIGESTED', digest_id = ? where id in (?)`, [digest!.id, held.map((h) => h.id)]);
        return 1;
      });
    }
    return made;
  }

  /** Claims due rows (PENDING whose time has come, or SENDING whose lease ran out), counting the attempt. */
  private async claim(): Promise<ClaimedRow[]> {
    const em = this.orm.em.fork();
    return em.execute<ClaimedRow[]>(
      `with due as (
         select id from notification_delivery
          where (state = 'PENDING' and next_attempt_at <= now()) or (state = 'SENDING' and claimed_until < now())
          order by next_attempt_at, id limit ? for update skip locked)
       update notification_delivery d
          set state = 'SENDING', claimed_by = ?, claimed_until = now() + make_interval(secs => ?), attempts = d.attempts + 1
         from due, notification_channel c
        where d.id = due.id and c.id = d.channel_id
       returning d.id, d.key, d.title, d.text, d.link, d.attempts, c.kind, c.target, c.secret_sealed, c.muted`,
      [this.settings.batchSize, this.settings.instance, this.settings.leaseSeconds],
    );
  }

  private async deliver(row: ClaimedRow): Promise<'sent' | 'retrying' | 'failed'> {
    let result: SendResult;
    if (row.muted) {
      result = { ok: false, retryable: false, answer: '渠道已静音，未发送' };
    } else {
      let secret: string | null = null;
      try {
        secret = row.secret_sealed ? openSecret(row.secret_sealed, this.settings.secretKey) : null;
      } catch {
        result = { ok: false, retryable: false, answer: '加签密钥无法解密（密钥已更换？），请重新设置该渠道的密钥' };
      }
      result ??= await this.sender(
        { key: row.key, title: row.title, text: row.text, link: row.link },
        { kind: row.kind, target: row.target, secret },
        this.settings.send,
      );
    }
    const em = this.orm.em.fork();
    if (result.ok) {
      await em.execute(
        `update notification_delivery set state = 'SENT', sent_at = now(), last_answer = ?, claimed_until = null where id = ? and claimed_by = ? and state = 'SENDING'`,
        [result.answer, row.id, this.settings.instance],
      );
      return 'sent';
    }
    const retry = result.retryable && row.attempts < this.settings.maxAttempts;
    await em.execute(
      `update notification_delivery set state = ?, last_answer = ?, claimed_until = null,
              next_attempt_at = now() + make_interval(secs => ?::float8 / 1000)
        where id = ? and claimed_by = ? and state = 'SENDING'`,
      [
        retry ? DeliveryState.PENDING : DeliveryState.FAILED,
        `第${row.attempts}次：${result.answer}`,
        retry ? retryDelayMs(row.attempts, this.settings.retryBaseMs) : 0,
        row.id,
        this.settings.instance,
      ],
    );
    return retry ? 'retrying' : 'failed';
  }
}
