/**
 * What the two group robots (企业微信, 钉钉) share: fitting a message into the robot's length limit, and one JSON
 * POST read into a SendResult. Both robots answer HTTP 200 with `{"errcode": 0, "errmsg": "ok"}` on success and
 * another errcode on failure; the caller says which errcodes are worth a retry.
 *
 * Network errors, timeouts, HTTP 5xx and 429, and a reply that is not the robot's JSON are retryable; other HTTP
 * statuses (4xx, a redirect, which is not followed) are not. Answers never repeat the URL: it carries the robot's key.
 */
import type { SendResult } from './types.js';

/** How much of a robot's reply is read at most; the excerpt in an answer is shorter still. */
const MAX_REPLY_BYTES = 64 * 1024;
const EXCERPT_CHARS = 200;
const ELLIPSIS = '…';

/** The longest prefix of `text` within `fits`, cut between code points (never inside a surrogate pair). */
function longestPrefix(text: string, fits: (prefix: string) => boolean): string {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(text.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  const code = text.charCodeAt(low - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, low - 1) : text.slice(0, low);
}

/** How a robot measures its limit: UTF-8 bytes (企业微信) or characters (钉钉, counted as UTF-16 units). */
export type LengthUnit = 'utf8' | 'chars';

function measure(text: string, unit: LengthUnit): number {
  return unit === 'utf8' ? Buffer.byteLength(text, 'utf8') : text.length;
}

/**
 * `head + body + tail` when it is within `limit`; otherwise the body is cut on a character boundary and ends in "…",
 * so the title (head) and the link (tail) survive. Should head and tail alone not fit, the whole is cut.
 */
export function fitWithin(head: string, body: string, tail: string, limit: number, unit: LengthUnit): string {
  const whole = head + body + tail;
  if (measure(whole, unit) <= limit) return whole;
  const room = limit - measure(head + tail + ELLIPSIS, unit);
  if (room >= 0) return head + longestPrefix(body, (prefix) => measure(prefix, unit) <= room) + ELLIPSIS + tail;
  const wholeRoom = limit - measure(ELLIPSIS, unit);
  return longestPrefix(whole, (prefix) => measure(prefix, unit) <= wholeRoom) + ELLIPSIS;
}

/** A link for markdown `[text](link)`: spaces and parentheses would end it early. */
export function markdownLink(link: string): string {
  return link.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_REPLY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '（空）';
  return flat.length > EXCERPT_CHARS ? flat.slice(0, EXCERPT_CHARS) + ELLIPSIS : flat;
}

function networkFailure(label: string, error: unknown, timeoutMs: number): SendResult {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return { ok: false, retryable: true, answer: `${label}在 ${timeoutMs} 毫秒内没有应答（超时）` };
  }
  const cause = err.cause;
  const detail = cause?.message ? `${cause.code ? cause.code + ' ' : ''}${cause.message}` : err.message;
  return { ok: false, retryable: true, answer: `无法连接${label}服务器：${detail}` };
}

export interface RobotCall {
  /** 企业微信 / 钉钉: how the answers name the robot. */
  label: string;
  url: string;
  payload: unknown;
  timeoutMs: number;
  /** Errcodes that mean "try again later" (rate limit, system busy). */
  retryableErrcodes: readonly number[];
}

/** POSTs the payload as JSON and reads the robot's answer; never throws. */
export async function postToRobot(call: RobotCall): Promise<SendResult> {
  const { label, timeoutMs } = call;
  if (!URL.canParse(call.url) || !/^https?:$/.test(new URL(call.url).protocol)) {
    return { ok: false, retryable: false, answer: `${label}机器人地址不是有效的 http(s) 网址` };
  }
  let status: number;
  let text: string;
  try {
    const response = await fetch(call.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(call.payload),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    text = await readCapped(response);
  } catch (error) {
    return networkFailure(label, error, timeoutMs);
  }
  if (status !== 200) {
    return { ok: false, retryable: status >= 500 || status === 429, answer: `${label}返回 HTTP ${status}：${excerpt(text)}` };
  }
  let reply: { errcode?: unknown; errmsg?: unknown } | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') reply = parsed as { errcode?: unknown; errmsg?: unknown };
  } catch {
    // not JSON: answered below
  }
  const errcode = reply == null ? NaN : Number(reply.errcode);
  if (reply == null || reply.errcode == null || !Number.isInteger(errcode)) {
    return { ok: false, retryable: true, answer: `${label}返回了无法识别的应答：${excerpt(text)}` };
  }
  const answer = `${label}返回 errcode=${errcode} errmsg=${typeof reply.errmsg === 'string' ? reply.errmsg : JSON.stringify(reply.errmsg ?? '')}`;
  if (errcode === 0) return { ok: true, answer };
  return { ok: false, retryable: call.retryableErrcodes.includes(errcode), answer };
}
