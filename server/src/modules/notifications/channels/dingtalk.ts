/**
 * 钉钉 custom group robot: a markdown message POSTed as JSON to the robot's webhook URL
 * (https://oapi.dingtalk.com/robot/send?access_token=…). The markdown text is at most 5000 characters; a longer
 * text is cut on a character boundary and ends in "…", keeping the title and the link.
 *
 * 加签 (when the channel has a secret, SEC…): `&timestamp=<ms>&sign=<sign>` is appended to the URL, where sign is
 * Base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)), UTF-8, then URL-encoded — 钉钉's documented
 * algorithm. 钉钉 refuses a timestamp more than an hour from its own clock.
 *
 * Success is HTTP 200 with errcode 0. errcode 130101 (sending too fast) and -1 (system busy) are retried, like
 * network errors, timeouts and HTTP 5xx/429; 310000 (signature, keyword or IP check failed), any other errcode and
 * HTTP 4xx are not.
 */
import { createHmac } from 'node:crypto';
import { fitWithin, markdownLink, postToRobot } from './robot-http.js';
import type { ChannelTarget, OutgoingMessage, SendContext, SendResult } from './types.js';

/** 钉钉's limit on a markdown message's text, in characters. */
export const DINGTALK_MARKDOWN_MAX_CHARS = 5000;

const RETRYABLE_ERRCODES = [130101, -1];

/** 钉钉's 加签 signature: Base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), before URL encoding. */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with `timestamp` and `sign` appended when there is a secret; as stored otherwise. */
export function dingtalkUrl(webhook: string, secret: string | null, timestamp: number): string {
  if (!secret) return webhook;
  const url = new URL(webhook);
  const signed = `timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(secret, timestamp))}`;
  url.search = url.search ? `${url.search}&${signed}` : `?${signed}`;
  return url.toString();
}

/** The markdown body: `#### title`, the text, then a 查看详情 link when there is one; within 5000 characters. */
export function dingtalkMarkdown(message: OutgoingMessage): { title: string; text: string } {
  const tail = message.link ? `\n\n[查看详情](${markdownLink(message.link)})` : '';
  return { title: message.title, text: fitWithin(`#### ${message.title}\n`, message.text, tail, DINGTALK_MARKDOWN_MAX_CHARS, 'chars') };
}

/** Sends one message to a 钉钉 custom robot (target.target = the webhook URL, target.secret = 加签 secret); never throws. */
export async function sendDingtalk(message: OutgoingMessage, target: ChannelTarget, ctx: SendContext): Promise<SendResult> {
  const timestamp = ctx.now();
  let url: string;
  try {
    url = dingtalkUrl(target.target, target.secret, timestamp);
  } catch {
    return { ok: false, retryable: false, answer: '钉钉机器人地址不是有效的网址' };
  }
  return postToRobot({
    label: '钉钉',
    url,
    payload: { msgtype: 'markdown', markdown: dingtalkMarkdown(message) },
    timeoutMs: ctx.httpTimeoutMs,
    retryableErrcodes: RETRYABLE_ERRCODES,
  });
}
