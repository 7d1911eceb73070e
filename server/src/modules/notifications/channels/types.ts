/**
 * What a delivery channel is given and answers. The senders (email.ts, wecom.ts, dingtalk.ts) are pure transports:
 * they know nothing of the database; the worker (delivery-worker.ts) claims a delivery, calls `send`, and records
 * the answer.
 */

export type ChannelKind = 'EMAIL' | 'WECOM_ROBOT' | 'DINGTALK_ROBOT';

/** One message as every channel renders it. */
export interface OutgoingMessage {
  /** The deduplication key of the delivery (rule, item, occasion, channel): e-mail carries it in its Message-ID. */
  key: string;
  /** One line: 【督办】… / 【提醒】… */
  title: string;
  /** Plain text, several lines. */
  text: string;
  /** An absolute link into the product, or null. */
  link: string | null;
}

/** Where to, as the channel row stores it (the secret decrypted just before sending). */
export interface ChannelTarget {
  kind: ChannelKind;
  /** EMAIL: one or more addresses separated by , or ;  ROBOT: the webhook URL. */
  target: string;
  /** 钉钉 加签 secret (SEC…), or null. */
  secret: string | null;
}

/** The channel's answer: ok, or what went wrong in words an admin can act on (with the channel's own reply). */
export type SendResult = { ok: true; answer: string } | { ok: false; answer: string; retryable: boolean };

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /** Milliseconds; a hung server fails the send, it does not hold the worker. */
  timeoutMs: number;
}

export interface SendContext {
  smtp: SmtpSettings | null;
  /** Milliseconds for a robot's HTTP call. */
  httpTimeoutMs: number;
  /** Date.now() stand-in (the 钉钉 signature's timestamp). */
  now: () => number;
}
