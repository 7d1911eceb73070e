import { simpleParser, type ParsedMail } from 'mailparser';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessageId, parseSmtpUrl, sendEmail } from './email.js';
import { closedPort, startSilentServer } from './test-receivers.js';
import type { ChannelTarget, OutgoingMessage, SendContext, SmtpSettings } from './types.js';

interface Received {
  mailFrom: string;
  rcptTo: string[];
  mail: ParsedMail;
}

interface Receiver {
  port: number;
  received: Received[];
  logins: { username: string | null | undefined; password: string | null | undefined }[];
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 that parses what it receives; `rcpt` decides each recipient (an Error refuses it). */
async function startSmtpReceiver(rcpt: (address: string) => Error | null = () => null, options: Partial<SMTPServerOptions> = {}): Promise<Receiver> {
  const received: Received[] = [];
  const logins: Receiver['logins'] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username, password: auth.password });
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      callback(rcpt(address.address));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((a) => a.address),
            mail,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function smtpError(responseCode: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode });
}

const message: OutgoingMessage = {
  key: 'rule-3:item-9:2024-06-30:EMAIL',
  title: '【督办】政务公开事项已逾期 3 天',
  text: '事项：政府信息公开工作年度报告\n责任单位：办公室\n期限：2024-06-30',
  link: 'https://duban.example.gov.cn/items/9',
};

const smtpFor = (port: number, extra: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port,
  secure: false,
  user: null,
  password: null,
  from: 'duban@example.gov.cn',
  timeoutMs: 2000,
  ...extra,
});
const ctxFor = (smtp: SmtpSettings | null): SendContext => ({ smtp, httpTimeoutMs: 1000, now: () => Date.now() });
const emailTo = (target: string): ChannelTarget => ({ kind: 'EMAIL', target, secret: null });

describe('sendEmail to a server that accepts', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startSmtpReceiver();
  });
  afterAll(() => receiver.close());

  it('delivers subject, text with the link, sender and every recipient split on , ; and whitespace', async () => {
    receiver.received.length = 0;
    const result = await sendEmail(message, emailTo(' a@example.com, b@example.org;c@example.net\n d@example.com '), ctxFor(smtpFor(receiver.port)));
    expect(result.ok).toBe(true);
    expect(result.answer).toMatch(/^邮件服务器已接收（a@example\.com、b@example\.org、c@example\.net、d@example\.com）：250 /);
    expect(receiver.received).toHaveLength(1);
    const [{ mailFrom, rcptTo, mail }] = receiver.received as [Received];
    expect(mailFrom).toBe('duban@example.gov.cn');
    expect(rcptTo).toEqual(['a@example.com', 'b@example.org', 'c@example.net', 'd@example.com']);
    expect(mail.subject).toBe('【督办】政务公开事项已逾期 3 天');
    expect(mail.text?.trimEnd()).toBe('事项：政府信息公开工作年度报告\n责任单位：办公室\n期限：2024-06-30\n\nhttps://duban.example.gov.cn/items/9');
    expect(mail.from?.text).toBe('duban@example.gov.cn');
    expect(mail.messageId).toBe(emailMessageId(message.key));
  });

  it('writes no link paragraph when there is no link', async () => {
    receiver.received.length = 0;
    expect((await sendEmail({ ...message, link: null }, emailTo('a@example.com'), ctxFor(smtpFor(receiver.port)))).ok).toBe(true);
    expect(receiver.received[0]?.mail.text?.trimEnd()).toBe('事项：政府信息公开工作年度报告\n责任单位：办公室\n期限：2024-06-30');
  });

  it('derives the Message-ID from the key: a resend carries the same id, another delivery another', async () => {
    receiver.received.length = 0;
    const ctx = ctxFor(smtpFor(receiver.port));
    await sendEmail(message, emailTo('a@example.com'), ctx);
    await sendEmail({ ...message, text: 'resent' }, emailTo('a@example.com'), ctx);
    await sendEmail({ ...message, key: 'rule-3:item-9:2024-07-31:EMAIL' }, emailTo('a@example.com'), ctx);
    const ids = receiver.received.map((r) => r.mail.messageId);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toMatch(/^<[0-9a-f]{32}@zwgk-duban>$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids[0]).toBe(`<${createHash('sha256').update(message.key).digest('hex').slice(0, 32)}@zwgk-duban>`);
  });

  it('logs in with the user and password of SMTP_URL', async () => {
    receiver.logins.length = 0;
    const smtp = parseSmtpUrl(`smtp://mailer%40example.gov.cn:p%40ss%3Aw0rd@127.0.0.1:${receiver.port}`, null, 2000);
    const result = await sendEmail(message, emailTo('a@example.com'), ctxFor(smtp));
    expect(result.ok).toBe(true);
    expect(receiver.logins).toEqual([{ username: 'mailer@example.gov.cn', password: 'p@ss:w0rd' }]);
    expect(receiver.received.at(-1)?.mailFrom).toBe('mailer@example.gov.cn');
  });
});

describe('sendEmail failures', () => {
  it('450 on RCPT → a retryable failure with the server text', async () => {
    const receiver = await startSmtpReceiver(() => smtpError(450, 'Mailbox busy, try again later'));
    try {
      const result = await sendEmail(message, emailTo('a@example.com'), ctxFor(smtpFor(receiver.port)));
      expect(result).toMatchObject({ ok: false, retryable: true });
      expect(result.answer).toMatch(/^邮件服务器拒绝（暂时性错误，稍后重试）：450 Mailbox busy, try again later/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('550 on RCPT → a failure that is not retried, with the server text', async () => {
    const receiver = await startSmtpReceiver(() => smtpError(550, 'Mailbox unavailable: no such user'));
    try {
      const result = await sendEmail(message, emailTo('nobody@example.com'), ctxFor(smtpFor(receiver.port)));
      expect(result).toEqual({ ok: false, retryable: false, answer: '邮件服务器拒绝：550 Mailbox unavailable: no such user' });
    } finally {
      await receiver.close();
    }
  });

  it('some recipients refused → a failure naming them, retryable only when every refusal is temporary', async () => {
    const receiver = await startSmtpReceiver((address) => {
      if (address.startsWith('gone')) return smtpError(550, 'No such user');
      if (address.startsWith('busy')) return smtpError(451, 'Try later');
      return null;
    });
    try {
      const permanent = await sendEmail(message, emailTo('ok@example.com, gone@example.com'), ctxFor(smtpFor(receiver.port)));
      expect(permanent).toEqual({ ok: false, retryable: false, answer: '部分收件地址被拒收：gone@example.com（550 No such user）；已送达：ok@example.com' });
      const temporary = await sendEmail(message, emailTo('ok@example.com; busy@example.com'), ctxFor(smtpFor(receiver.port)));
      expect(temporary).toEqual({ ok: false, retryable: true, answer: '部分收件地址被拒收：busy@example.com（451 Try later）；已送达：ok@example.com' });
      expect(receiver.received.map((r) => r.rcptTo)).toEqual([['ok@example.com'], ['ok@example.com']]);
    } finally {
      await receiver.close();
    }
  });

  it('a login refused with 535 is not retried', async () => {
    const receiver = await startSmtpReceiver(undefined, {
      onAuth(_auth, _session, callback) {
        callback(smtpError(535, 'Authentication credentials invalid'));
      },
    });
    try {
      const result = await sendEmail(message, emailTo('a@example.com'), ctxFor(smtpFor(receiver.port, { user: 'u', password: 'wrong' })));
      expect(result).toMatchObject({ ok: false, retryable: false });
      expect(result.answer).toMatch(/^邮件服务器拒绝登录：535 Authentication credentials invalid/);
      expect(result.answer).not.toContain('wrong');
    } finally {
      await receiver.close();
    }
  });

  it('a server that never answers → a retryable failure after about timeoutMs', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const result = await sendEmail(message, emailTo('a@example.com'), ctxFor(smtpFor(silent.port, { timeoutMs: 300 })));
      const elapsed = Date.now() - started;
      expect(result).toMatchObject({ ok: false, retryable: true });
      expect(result.answer).toMatch(/^邮件服务器 127\.0\.0\.1:\d+ 超时未应答（每步限时 300 毫秒）/);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1500);
    } finally {
      await silent.close();
    }
  });

  it('connection refused → a retryable failure', async () => {
    const port = await closedPort();
    const result = await sendEmail(message, emailTo('a@example.com'), ctxFor(smtpFor(port, { timeoutMs: 300 })));
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.answer).toMatch(new RegExp(`^无法连接邮件服务器 127\\.0\\.0\\.1:${port}：.*ECONNREFUSED`));
  });

  it('no SMTP configured → a failure that is not retried', async () => {
    expect(await sendEmail(message, emailTo('a@example.com'), ctxFor(null))).toEqual({ ok: false, retryable: false, answer: '未配置发信服务器（SMTP_URL）' });
  });

  it('no address in the target → a failure that is not retried', async () => {
    expect(await sendEmail(message, emailTo(' ;, '), ctxFor(smtpFor(1)))).toEqual({ ok: false, retryable: false, answer: '没有收件地址' });
  });
});

describe('parseSmtpUrl', () => {
  it('reads smtp:// with user, password and port', () => {
    expect(parseSmtpUrl('smtp://duban%40example.gov.cn:s3cr%2Ft@mail.example.gov.cn:2525', null, 5000)).toEqual({
      host: 'mail.example.gov.cn',
      port: 2525,
      secure: false,
      user: 'duban@example.gov.cn',
      password: 's3cr/t',
      from: 'duban@example.gov.cn',
      timeoutMs: 5000,
    });
  });

  it('reads smtps:// with its default port 465, smtp:// with 587', () => {
    expect(parseSmtpUrl('smtps://user:pw@smtp.example.com', null, 1000)).toMatchObject({ host: 'smtp.example.com', port: 465, secure: true });
    expect(parseSmtpUrl('smtp://smtp.example.com', null, 1000)).toMatchObject({ port: 587, secure: false, user: null, password: null });
    expect(parseSmtpUrl('smtp://[::1]:25', null, 1000)).toMatchObject({ host: '::1', port: 25 });
  });

  it('takes from as given, else the user when it is an address, else zwgk-duban@localhost', () => {
    expect(parseSmtpUrl('smtp://a%40b.cn:pw@h', '督办台 <duban@example.gov.cn>', 1000).from).toBe('督办台 <duban@example.gov.cn>');
    expect(parseSmtpUrl('smtp://a%40b.cn:pw@h', null, 1000).from).toBe('a@b.cn');
    expect(parseSmtpUrl('smtp://apikey:pw@h', null, 1000).from).toBe('zwgk-duban@localhost');
    expect(parseSmtpUrl('smtp://h', '  ', 1000).from).toBe('zwgk-duban@localhost');
  });

  it.each([
    ['not a url', /不是有效的网址/],
    ['http://mail.example.com', /协议应为 smtp:\/\/ 或 smtps:\/\/，实为 http:/],
    ['smtp://', /缺少主机名/],
    ['smtp://host:0', /端口无效/],
    ['smtp://host:99999', /不是有效的网址/],
    ['smtp://user:%E0%A4%A@host', /无效的 % 转义/],
  ])('throws on %s', (url, message) => {
    expect(() => parseSmtpUrl(url, null, 1000)).toThrow(message);
  });

  it('never repeats the password in an error', () => {
    expect(() => parseSmtpUrl('smtp://user:topsecret@host:0', null, 1000)).toThrow(/^(?!.*topsecret)/);
    expect(() => parseSmtpUrl('smtp://host', null, 0)).toThrow(/超时时间无效/);
  });
});
