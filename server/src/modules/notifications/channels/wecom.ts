/**
 * 企业微信 group robot: a markdown message POSTed as JSON to the robot's webhook URL
 * (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). The content is at most 4096 bytes of UTF-8; a longer
 * text is cut on a character boundary and ends in "…", keeping the title and the link.
 *
 * Success is HTTP 200 with errcode 0. errcode 45009 (API frequency limit) and -1 (system busy) are retried, like
 * network errors, timeouts and HTTP 5xx/429; any other errcode (93000: invalid webhook URL, …) and HTTP 4xx are not.
 */
import { fitWithin, markdownLink, postToRobot } from './robot-http.js';
import type { ChannelTarget, OutgoingMessage, SendContext, SendResult } from './types.js';

/** 企业微信's limit on a markdown message's content, in UTF-8 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

const RETRYABLE_ERRCODES = [45009, -1];

/** The markdown content: `**title**`, the text, then a 查看详情 link when there is one; within 4096 bytes. */
export function wecomContent(message: OutgoingMessage): string {
  const tail = message.link ? `\n[查看详情](${markdownLink(message.link)})` : '';
  return fitWithin(`**${message.title}**\n`, message.text, tail, WECOM_MARKDOWN_MAX_BYTES, 'utf8');
}

/** Sends one message to a 企业微信 group robot (target.target = the webhook URL); never throws. */
export async function sendWecom(message: OutgoingMessage, target: ChannelTarget, ctx: SendContext): Promise<SendResult> {
  return postToRobot({
    label: '企业微信',
    url: target.target,
    payload: { msgtype: 'markdown', markdown: { content: wecomContent(message) } },
    timeoutMs: ctx.httpTimeoutMs,
    retryableErrcodes: RETRYABLE_ERRCODES,
  });
}
