import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingtalkSign, sendDingtalk } from './dingtalk.js';
import { closedPort, startHttpReceiver, type HttpReceiver } from './test-receivers.js';
import type { ChannelTarget, OutgoingMessage, SendContext } from './types.js';

const NOW = 1_718_000_000_123;
const SECRET = 'SECd9f0b3c2a1e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0';
const ctx: SendContext = { smtp: null, httpTimeoutMs: 300, now: () => NOW };
const message: OutgoingMessage = {
  key: 'rule-1:item-2:2024-06-30:DINGTALK',
  title: '【提醒】政务公开事项即将到期',
  text: '事项：主动公开目录更新\n期限：2024-06-30',
  link: 'https://duban.example.gov.cn/items/7',
};

/** 钉钉's documented signature, written out here independently of dingtalkSign. */
function expectedSign(secret: string, timestamp: number): string {
  const hmac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  hmac.update(Buffer.from(String(timestamp) + '\n' + secret, 'utf8'));
  return hmac.digest().toString('base64');
}

let receiver: HttpReceiver;
let webhook: string;

beforeAll(async () => {
  receiver = await startHttpReceiver();
  webhook = `${receiver.origin}/robot/send?access_token=tok-456`;
});
afterAll(() => receiver.close());

async function send(
  target: Partial<ChannelTarget> = {},
  msg: OutgoingMessage = message,
  reply: HttpReceiver['reply'] = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
) {
  receiver.requests.length = 0;
  receiver.reply = reply;
  const result = await sendDingtalk(msg, { kind: 'DINGTALK_ROBOT', target: webhook, secret: SECRET, ...target }, ctx);
  return { result, request: receiver.requests[0] };
}

function markdownOf(body: string): { title: string; text: string } {
  return JSON.parse(body).markdown;
}

describe('sendDingtalk', () => {
  it('signs the URL with timestamp and sign as 钉钉 documents', async () => {
    const { result, request } = await send();
    expect(result).toEqual({ ok: true, answer: '钉钉返回 errcode=0 errmsg=ok' });
    const url = new URL(request!.url, receiver.origin);
    expect(url.pathname).toBe('/robot/send');
    expect([...url.searchParams.keys()]).toEqual(['access_token', 'timestamp', 'sign']);
    expect(url.searchParams.get('access_token')).toBe('tok-456');
    expect(url.searchParams.get('timestamp')).toBe(String(NOW));
    const sign = expectedSign(SECRET, NOW);
    expect(url.searchParams.get('sign')).toBe(sign);
    // URL-encoded in the query as sent (a base64 "=", "+" or "/" must not appear raw)
    expect(request!.url).toBe(`/robot/send?access_token=tok-456&timestamp=${NOW}&sign=${encodeURIComponent(sign)}`);
    expect(request!.url.split('sign=')[1]).not.toMatch(/[+/=]/);
  });

  it('exports the signature before URL encoding', () => {
    for (const [secret, timestamp] of [
      [SECRET, NOW],
      ['SEC密钥', 1],
      ['this is secret', 1_577_836_800_000],
    ] as const) {
      expect(dingtalkSign(secret, timestamp)).toBe(expectedSign(secret, timestamp));
    }
    expect(dingtalkSign(SECRET, NOW)).not.toBe(dingtalkSign(SECRET, NOW + 1));
  });

  it('adds no timestamp or sign without a secret', async () => {
    const { result, request } = await send({ secret: null });
    expect(result.ok).toBe(true);
    expect(request!.url).toBe('/robot/send?access_token=tok-456');
  });

  it('POSTs the markdown message as JSON', async () => {
    const { request } = await send();
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request!.body).toBe(
      JSON.stringify({
        msgtype: 'markdown',
        markdown: {
          title: '【提醒】政务公开事项即将到期',
          text: '#### 【提醒】政务公开事项即将到期\n事项：主动公开目录更新\n期限：2024-06-30\n\n[查看详情](https://duban.example.gov.cn/items/7)',
        },
      }),
    );
  });

  it('leaves the link out when there is none', async () => {
    const { request } = await send({}, { ...message, link: null });
    expect(markdownOf(request!.body).text).toBe('#### 【提醒】政务公开事项即将到期\n事项：主动公开目录更新\n期限：2024-06-30');
  });

  it('keeps a text of exactly 5000 characters, cuts a longer one to 5000 keeping title and link', async () => {
    const head = `#### ${message.title}\n`;
    const tail = `\n\n[查看详情](${message.link})`;
    const exact = '督'.repeat(5000 - head.length - tail.length);
    expect(markdownOf((await send({}, { ...message, text: exact })).request!.body).text).toBe(head + exact + tail);

    const long = '政务公开督办'.repeat(1500); // 9000 characters
    const { result, request } = await send({}, { ...message, text: long });
    expect(result.ok).toBe(true);
    const { title, text } = markdownOf(request!.body);
    expect(title).toBe(message.title);
    expect(text).toHaveLength(5000);
    expect(text.startsWith(head)).toBe(true);
    expect(text.endsWith('…' + tail)).toBe(true);
    expect(long.startsWith(text.slice(head.length, text.length - tail.length - 1))).toBe(true);
  });

  it('never splits a surrogate pair when cutting', async () => {
    for (let pad = 0; pad < 2; pad++) {
      const { request } = await send({}, { ...message, text: 'x'.repeat(pad) + '😀'.repeat(3000), link: null });
      const { text } = markdownOf(request!.body);
      expect(text.length).toBeLessThanOrEqual(5000);
      expect(text.length).toBeGreaterThanOrEqual(4999);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(text.endsWith('😀…')).toBe(true);
    }
  });

  it.each([
    [310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]', false],
    [300001, 'token is not exist', false],
    [130101, 'send too fast, exceed 20 times per minute', true],
    [-1, '系统繁忙', true],
  ])('errcode %i (%s) → a failure, retryable: %s', async (errcode, errmsg, retryable) => {
    const { result } = await send({}, message, { status: 200, body: JSON.stringify({ errcode, errmsg }) });
    expect(result).toEqual({ ok: false, retryable, answer: `钉钉返回 errcode=${errcode} errmsg=${errmsg}` });
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [403, false],
  ])('HTTP %i → a failure naming the status, retryable: %s', async (status, retryable) => {
    const { result } = await send({}, message, { status, body: '{"message":"gateway"}' });
    expect(result).toEqual({ ok: false, retryable, answer: `钉钉返回 HTTP ${status}：{"message":"gateway"}` });
  });

  it('fails, retryable, when nothing listens on the port, without repeating the token', async () => {
    const port = await closedPort();
    const result = await sendDingtalk(
      message,
      { kind: 'DINGTALK_ROBOT', target: `http://127.0.0.1:${port}/robot/send?access_token=tok-456`, secret: SECRET },
      ctx,
    );
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.answer).toMatch(/^无法连接钉钉服务器：ECONNREFUSED/);
    expect(result.answer).not.toMatch(/tok-456|sign=/);
  });

  it('gives up after httpTimeoutMs when the server never answers', async () => {
    const started = Date.now();
    const { result, request } = await send({}, message, 'hang');
    const elapsed = Date.now() - started;
    expect(request).toBeDefined();
    expect(result).toEqual({ ok: false, retryable: true, answer: '钉钉在 300 毫秒内没有应答（超时）' });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
  });

  it('refuses a target that is not a URL, not retryable', async () => {
    expect(await sendDingtalk(message, { kind: 'DINGTALK_ROBOT', target: 'oapi.dingtalk.com/robot/send', secret: SECRET }, ctx)).toEqual({
      ok: false,
      retryable: false,
      answer: '钉钉机器人地址不是有效的网址',
    });
  });
});
