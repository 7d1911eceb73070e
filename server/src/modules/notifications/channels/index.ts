/**
 * One entry for the delivery worker: send a message through the channel a target names. Never throws — an
 * unexpected exception in a channel becomes a retryable failure, so the worker always has an answer to record.
 */
import { sendDingtalk } from './dingtalk.js';
import { sendEmail } from './email.js';
import type { ChannelTarget, OutgoingMessage, SendContext, SendResult } from './types.js';
import { sendWecom } from './wecom.js';

/** Sends `message` to `target` by the channel of `target.kind`; never throws. */
export async function sendTo(message: OutgoingMessage, target: ChannelTarget, ctx: SendContext): Promise<SendResult> {
  try {
    switch (target.kind) {
      case 'EMAIL':
        return await sendEmail(message, target, ctx);
      case 'WECOM_ROBOT':
        return await sendWecom(message, target, ctx);
      case 'DINGTALK_ROBOT':
        return await sendDingtalk(message, target, ctx);
      default:
        return { ok: false, retryable: false, answer: `未知的通知渠道类型：${String((target as { kind: unknown }).kind)}` };
    }
  } catch (error) {
    return { ok: false, retryable: true, answer: `发送异常：${error instanceof Error ? error.message : String(error)}` };
  }
}
