/**
 * E-mail over SMTP (nodemailer), through a pool of connections kept per server (up to 8, each reused for up to 500
 * messages; a broken connection is replaced). The configured server (SMTP_URL, read by
 * `parseSmtpUrl`) relays to the recipients the channel lists, separated by , ; or whitespace.
 *
 * The Message-ID is derived from the delivery's deduplication key, `<sha256(key)[0..32]@zwgk-duban>`: a resend of the
 * same delivery (after a timeout whose message did get through) carries the same Message-ID, so a receiving system
 * can drop the duplicate.
 *
 * Answers: a 4xx reply (and 503, "bad sequence", which a new connection clears), network errors and timeouts are
 * retryable; 5xx replies (550 mailbox unavailable, 535 login refused, …), missing configuration and certificate
 * errors are not. The answer carries the server's own reply. When the server takes some recipients and refuses
 * others, the send fails (the admin should see the bad address), retryable only if every refusal was temporary.
 *
 * Time limits: connecting, the greeting and every reply wait at most `timeoutMs` each, and the whole exchange at
 * most three times that.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { NodemailerError, Transporter } from 'nodemailer';
import type { ChannelTarget, OutgoingMessage, SendContext, SendResult, SmtpSettings } from './types.js';

const DEFAULT_FROM = 'zwgk-duban@localhost';
const SMTP_URL_FORM = 'smtp://用户名:密码@主机:端口 或 smtps://用户名:密码@主机:端口';

/** The Message-ID of a delivery: the same key gives the same id. */
export function emailMessageId(key: string): string {
  return `<${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32)}@zwgk-duban>`;
}

/** The addresses of an e-mail channel's target, split on , ; and whitespace. */
export function splitRecipients(target: string): string[] {
  return target.split(/[,;\s]+/).filter(Boolean);
}

/**
 * Reads SMTP_URL: `smtp://user:pass@host:port` (plain, upgraded by STARTTLS when the server offers it; port 587 by
 * default) or `smtps://…` (TLS from the start; port 465 by default). User and password are optional and
 * percent-decoded. `from` defaults to the user when it is an address, else zwgk-duban@localhost. Throws an Error
 * naming the problem (never repeating the password) when the URL is not of that form.
 */
export function parseSmtpUrl(url: string, from: string | null, timeoutMs: number): SmtpSettings {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`SMTP_URL 不是有效的网址，应为 ${SMTP_URL_FORM}`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL 的协议应为 smtp:// 或 smtps://，实为 ${parsed.protocol}//`);
  }
  const secure = parsed.protocol === 'smtps:';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new Error(`SMTP_URL 缺少主机名，应为 ${SMTP_URL_FORM}`);
  const defaultPort = secure ? 465 : 587;
  const port = parsed.port ? Number(parsed.port) : defaultPort;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`SMTP_URL 的端口无效：${parsed.port}`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`发信超时时间无效：${timeoutMs}`);
  let user: string | null;
  let password: string | null;
  try {
    user = parsed.username ? decodeURIComponent(parsed.username) : null;
    password = parsed.password ? decodeURIComponent(parsed.password) : null;
  } catch {
    throw new Error('SMTP_URL 的用户名或密码中有无效的 % 转义');
  }
  const sender = from?.trim() || (user?.includes('@') ? user : DEFAULT_FROM);
  if (/[\r\n]/.test(sender)) throw new Error('发件地址不能包含换行');
  return { host, port, secure, user, password, from: sender, timeoutMs };
}

const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'EREQUIRETLS', 'EFILEACCESS', 'EURLACCESS']);
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/;

function isTemporaryReply(responseCode: number): boolean {
  return responseCode < 500 || responseCode === 503;
}

/** The answer for a failed send: the server's reply when there is one, retryable as the module comment says. */
function smtpFailure(error: unknown, smtp: SmtpSettings): SendResult {
  const err = error as NodemailerError & { originalCode?: string };
  const server = `${smtp.host}:${smtp.port}`;
  const code = err.code ?? '';
  const responseCode = err.responseCode ?? 0;
  if (responseCode >= 400 && responseCode < 600) {
    const reply = err.response ?? String(responseCode);
    const what = code === 'EAUTH' ? '邮件服务器拒绝登录' : '邮件服务器拒绝';
    return isTemporaryReply(responseCode)
      ? { ok: false, retryable: true, answer: `${what}（暂时性错误，稍后重试）：${reply}` }
      : { ok: false, retryable: false, answer: `${what}：${reply}` };
  }
  if (err.name === 'AbortError' || code === 'EABORT' || code === 'ETIMEDOUT') {
    return { ok: false, retryable: true, answer: `邮件服务器 ${server} 超时未应答（每步限时 ${smtp.timeoutMs} 毫秒）：${err.message}` };
  }
  if (CERTIFICATE_ERROR.test(err.originalCode ?? '') || CERTIFICATE_ERROR.test(code)) {
    return { ok: false, retryable: false, answer: `邮件服务器 ${server} 的证书无效：${err.message}` };
  }
  if (PERMANENT_CODES.has(code)) {
    return { ok: false, retryable: false, answer: `发送邮件失败（${code}）：${err.message}` };
  }
  return { ok: false, retryable: true, answer: `无法连接邮件服务器 ${server}：${err.message}` };
}

/** Sends one message by e-mail to the channel's addresses (target.target) through ctx.smtp; never throws. */
export async function sendEmail(message: OutgoingMessage, target: ChannelTarget, ctx: SendContext): Promise<SendResult> {
  const smtp = ctx.smtp;
  if (!smtp) return { ok: false, retryable: false, answer: '未配置发信服务器（SMTP_URL）' };
  const to = splitRecipients(target.target);
  if (!to.length) return { ok: false, retryable: false, answer: '没有收件地址' };
  const timeout = smtp.timeoutMs;
  const transport = pooledTransport(smtp);
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to,
      subject: message.title.replace(/[\r\n]+/g, ' '),
      text: message.link ? `${message.text}\n\n${message.link}` : message.text,
      messageId: emailMessageId(message.key),
      signal: AbortSignal.timeout(timeout * 3),
    });
    const rejected = info.rejected ?? [];
    if (rejected.length) {
      const errors = (info.rejectedErrors ?? []) as NodemailerError[];
      const refusals = errors.map((e) => `${(e as NodemailerError & { recipient?: string }).recipient ?? ''}（${e.response ?? e.message}）`);
      const retryable = errors.length > 0 && errors.every((e) => e.responseCode != null && isTemporaryReply(e.responseCode));
      return {
        ok: false,
        retryable,
        answer: `部分收件地址被拒收：${refusals.length ? refusals.join('；') : rejected.join('、')}；已送达：${(info.accepted ?? []).join('、')}`,
      };
    }
    return { ok: true, answer: `邮件服务器已接收（${(info.accepted ?? []).join('、')}）：${info.response}` };
  } catch (error) {
    return smtpFailure(error, smtp);
  }
}

const pools = new Map<string, Transporter>();

/** The pooled transport of one SMTP server (settings), made on first use. */
function pooledTransport(smtp: SmtpSettings): Transporter {
  const key = JSON.stringify(smtp);
  let transport = pools.get(key);
  if (!transport) {
    const timeout = smtp.timeoutMs;
    transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 8,
      maxMessages: 500,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
      socketCloseTimeout: Math.min(timeout, 1000),
    });
    pools.set(key, transport);
  }
  return transport;
}

/** Closes every pooled connection (at shutdown, and between tests). */
export function closeEmailPools(): void {
  for (const transport of pools.values()) transport.close();
  pools.clear();
}
