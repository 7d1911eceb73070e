import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTo } from './index.js';
import { startHttpReceiver, type HttpReceiver } from './test-receivers.js';
import type { ChannelKind, OutgoingMessage, SendContext } from './types.js';

const ctx: SendContext = { smtp: null, httpTimeoutMs: 1000, now: () => 1_718_000_000_000 };
const message: OutgoingMessage = { key: 'k', title: '【提醒】标题', text: '正文', link: null };

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.close());

describe('sendTo', () => {
  it('sends a WECOM_ROBOT target by 企业微信 and a DINGTALK_ROBOT target by 钉钉', async () => {
    receiver.requests.length = 0;
    const wecom = await sendTo(message, { kind: 'WECOM_ROBOT', target: `${receiver.origin}/wecom`, secret: null }, ctx);
    const dingtalk = await sendTo(message, { kind: 'DINGTALK_ROBOT', target: `${receiver.origin}/dingtalk`, secret: 'SECx' }, ctx);
    expect(wecom).toEqual({ ok: true, answer: '企业微信返回 errcode=0 errmsg=ok' });
    expect(dingtalk).toEqual({ ok: true, answer: '钉钉返回 errcode=0 errmsg=ok' });
    expect(receiver.requests.map((r) => [r.url.split('?')[0], Object.keys(JSON.parse(r.body).markdown)])).toEqual([
      ['/wecom', ['content']],
      ['/dingtalk', ['title', 'text']],
    ]);
    expect(receiver.requests[1]?.url).toMatch(/^\/dingtalk\?timestamp=1718000000000&sign=/);
  });

  it('sends an EMAIL target by e-mail', async () => {
    expect(await sendTo(message, { kind: 'EMAIL', target: 'a@example.com', secret: null }, ctx)).toEqual({
      ok: false,
      retryable: false,
      answer: '未配置发信服务器（SMTP_URL）',
    });
  });

  it('turns an unexpected exception into a retryable failure', async () => {
    const broken: SendContext = {
      ...ctx,
      now: () => {
        throw new Error('clock broke');
      },
    };
    expect(await sendTo(message, { kind: 'DINGTALK_ROBOT', target: `${receiver.origin}/dingtalk`, secret: 'SECx' }, broken)).toEqual({
      ok: false,
      retryable: true,
      answer: '发送异常：clock broke',
    });
  });

  it('refuses an unknown kind', async () => {
    expect(await sendTo(message, { kind: 'FAX' as ChannelKind, target: 'x', secret: null }, ctx)).toEqual({
      ok: false,
      retryable: false,
      answer: '未知的通知渠道类型：FAX',
    });
  });
});
