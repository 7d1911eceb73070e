import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startHttpReceiver, startSilentServer, type HttpReceiver } from './test-receivers.js';
import type { ChannelTarget, OutgoingMessage, SendContext } from './types.js';
import { sendWecom } from './wecom.js';

const ctx: SendContext = { smtp: null, httpTimeoutMs: 300, now: () => 1_700_000_000_000 };
const message: OutgoingMessage = {
  key: 'rule-1:item-2:2024-06-30:WECOM',
  title: '【督办】政务公开事项已逾期',
  text: '事项：2024年政府信息公开工作年度报告\n责任单位：办公室\n期限：2024-06-30',
  link: 'https://duban.example.gov.cn/items/2',
};

let receiver: HttpReceiver;
let target: ChannelTarget;

beforeAll(async () => {
  receiver = await startHttpReceiver();
  target = { kind: 'WECOM_ROBOT', target: `${receiver.origin}/cgi-bin/webhook/send?key=abc-123`, secret: null };
});
afterAll(() => receiver.close());

async function send(msg: OutgoingMessage = message, reply: HttpReceiver['reply'] = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' }) {
  receiver.requests.length = 0;
  receiver.reply = reply;
  const result = await sendWecom(msg, target, ctx);
  return { result, request: receiver.requests[0] };
}

function contentOf(body: string): string {
  return JSON.parse(body).markdown.content;
}

describe('sendWecom', () => {
  it('POSTs the markdown message as JSON to the webhook URL', async () => {
    const { result, request } = await send();
    expect(result).toEqual({ ok: true, answer: '企业微信返回 errcode=0 errmsg=ok' });
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/cgi-bin/webhook/send?key=abc-123');
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.body).toBe(
      JSON.stringify({
        msgtype: 'markdown',
        markdown: {
          content:
            '**【督办】政务公开事项已逾期**\n事项：2024年政府信息公开工作年度报告\n责任单位：办公室\n期限：2024-06-30\n[查看详情](https://duban.example.gov.cn/items/2)',
        },
      }),
    );
  });

  it('leaves the link out when there is none', async () => {
    const { request } = await send({ ...message, link: null });
    expect(contentOf(request!.body)).toBe('**【督办】政务公开事项已逾期**\n事项：2024年政府信息公开工作年度报告\n责任单位：办公室\n期限：2024-06-30');
  });

  it('keeps a content of exactly 4096 bytes as it is', async () => {
    const head = `**${message.title}**\n`;
    const tail = `\n[查看详情](${message.link})`;
    const room = 4096 - Buffer.byteLength(head + tail);
    const text = '政'.repeat(Math.floor(room / 3)) + 'a'.repeat(room % 3);
    const { request } = await send({ ...message, text });
    const content = contentOf(request!.body);
    expect(Buffer.byteLength(content)).toBe(4096);
    expect(content).toBe(head + text + tail);
  });

  it('cuts a longer Chinese text on a character boundary to 4096 bytes, keeping title and link', async () => {
    const text = '政务公开'.repeat(600); // 7200 bytes
    const { result, request } = await send({ ...message, text });
    expect(result.ok).toBe(true);
    const content = contentOf(request!.body);
    const head = `**${message.title}**\n`;
    const tail = `\n[查看详情](${message.link})`;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(content)).toBeGreaterThan(4096 - 3);
    expect(content.startsWith(head)).toBe(true);
    expect(content.endsWith('…' + tail)).toBe(true);
    const kept = content.slice(head.length, content.length - tail.length - 1);
    expect(text.startsWith(kept)).toBe(true);
    expect(Buffer.from(content, 'utf8').toString('utf8')).toBe(content);
  });

  it('never splits a four-byte character', async () => {
    for (let pad = 0; pad < 4; pad++) {
      const text = 'x'.repeat(pad) + '😀'.repeat(1100); // surrogate pairs, 4 bytes each
      const { request } = await send({ ...message, text, link: null });
      const content = contentOf(request!.body);
      expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
      expect(content).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(content.endsWith('😀…')).toBe(true);
    }
  });

  it.each([
    [93000, 'invalid webhook url, hint: [1700000000_abc]', false],
    [40008, 'invalid message type', false],
    [45009, 'api freq out of limit', true],
    [-1, 'system busy', true],
  ])('errcode %i (%s) → a failure, retryable: %s', async (errcode, errmsg, retryable) => {
    const { result } = await send(message, { status: 200, body: JSON.stringify({ errcode, errmsg }) });
    expect(result).toEqual({ ok: false, retryable, answer: `企业微信返回 errcode=${errcode} errmsg=${errmsg}` });
  });

  it.each([
    [500, true],
    [502, true],
    [429, true],
    [404, false],
    [400, false],
  ])('HTTP %i → a failure naming the status and the body, retryable: %s', async (status, retryable) => {
    const { result } = await send(message, { status, body: `upstream said ${status}` });
    expect(result).toEqual({ ok: false, retryable, answer: `企业微信返回 HTTP ${status}：upstream said ${status}` });
  });

  it('does not follow a redirect', async () => {
    const { result } = await send(message, { status: 302, body: '' });
    expect(result).toMatchObject({ ok: false, retryable: false, answer: '企业微信返回 HTTP 302：（空）' });
    expect(receiver.requests).toHaveLength(1);
  });

  it('takes a 200 without the robot JSON for a failure', async () => {
    const { result } = await send(message, { status: 200, body: '<html>维护中</html>' });
    expect(result).toEqual({ ok: false, retryable: true, answer: '企业微信返回了无法识别的应答：<html>维护中</html>' });
  });

  it('fails, retryable, when nothing listens on the port', async () => {
    const port = await closedPort();
    const result = await sendWecom(message, { ...target, target: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=abc-123` }, ctx);
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.answer).toMatch(/^无法连接企业微信服务器：ECONNREFUSED/);
    expect(result.answer).not.toContain('abc-123');
  });

  it('gives up after httpTimeoutMs when the server never answers', async () => {
    const started = Date.now();
    const { result, request } = await send(message, 'hang');
    const elapsed = Date.now() - started;
    expect(request).toBeDefined();
    expect(result).toEqual({ ok: false, retryable: true, answer: '企业微信在 300 毫秒内没有应答（超时）' });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
  });

  it('gives up after httpTimeoutMs when the server accepts the connection and says nothing', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const result = await sendWecom(message, { ...target, target: `http://127.0.0.1:${silent.port}/x` }, ctx);
      expect(result).toMatchObject({ ok: false, retryable: true, answer: '企业微信在 300 毫秒内没有应答（超时）' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  it('refuses a target that is not an http(s) URL without trying it', async () => {
    expect(await sendWecom(message, { ...target, target: 'not a url' }, ctx)).toEqual({
      ok: false,
      retryable: false,
      answer: '企业微信机器人地址不是有效的 http(s) 网址',
    });
    expect(await sendWecom(message, { ...target, target: 'file:///etc/passwd' }, ctx)).toMatchObject({ ok: false, retryable: false });
  });
});
