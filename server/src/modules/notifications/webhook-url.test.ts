import { describe, expect, it } from 'vitest';
import { checkEmailTargets, checkWebhookUrl } from './webhook-url.js';

const publicResolver = async () => ['140.207.189.1'];
const production = { production: true, resolve: publicResolver };
const development = { production: false, resolve: publicResolver };

describe('checkWebhookUrl in production', () => {
  it.each([
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
    'https://oapi.dingtalk.com/robot/send?access_token=abc',
    'https://8.8.8.8/hook',
    'https://[2400:3200::1]/hook',
  ])('accepts %s', async (url) => {
    expect(await checkWebhookUrl('WECOM_ROBOT', url, production)).toBeNull();
  });

  it.each([
    ['http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', /https:\/\//],
    ['ftp://qyapi.weixin.qq.com/x', /https:\/\//],
    ['https://127.0.0.1/x', /本机/],
    ['https://127.1/x', /本机/],
    ['http://2130706433/x', /https:\/\//],
    ['https://2130706433/x', /本机/],
    ['https://0x7f.1/x', /本机/],
    ['https://0177.0.0.1/x', /本机/],
    ['https://[::1]/x', /本机/],
    ['https://[::ffff:127.0.0.1]/x', /本机/],
    ['https://[::ffff:10.0.0.1]/x', /内网/],
    ['https://[64:ff9b::a00:1]/x', /内网/],
    ['https://localhost/x', /本机/],
    ['https://LOCALHOST./x', /本机/],
    ['https://api.localhost/x', /本机/],
    ['https://10.0.0.1/x', /内网/],
    ['https://172.16.5.4/x', /内网/],
    ['https://192.168.1.1/x', /内网/],
    ['https://169.254.169.254/latest/meta-data', /内网/],
    ['https://100.64.0.1/x', /内网/],
    ['https://0.0.0.0/x', /内网/],
    ['https://224.0.0.1/x', /内网/],
    ['https://[fd00::1]/x', /内网/],
    ['https://[fe80::1]/x', /内网/],
    ['https://[ff02::1]/x', /内网/],
    ['https://[::]/x', /内网/],
    ['https://user:pass@qyapi.weixin.qq.com/x', /用户名或密码/],
    ['https://user@qyapi.weixin.qq.com/x', /用户名或密码/],
    ['not-a-url', /不是有效的网址/],
    ['https://', /不是有效的网址/],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a\nb', /不能包含空格、换行或控制字符/],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a b', /不能包含空格、换行或控制字符/],
    ['', /不能为空/],
    [`https://qyapi.weixin.qq.com/x?key=${'a'.repeat(2048)}`, /过长/],
  ])('refuses %s', async (url, message) => {
    expect(await checkWebhookUrl('WECOM_ROBOT', url, production)).toMatch(message);
  });

  it('refuses a host name resolving to an internal address, whichever of its addresses it is', async () => {
    const internal = { production: true, resolve: async () => ['10.1.2.3'] };
    expect(await checkWebhookUrl('DINGTALK_ROBOT', 'https://hooks.example.com/x', internal)).toBe(
      '钉钉机器人地址不能指向内网、保留或组播地址：hooks.example.com（10.1.2.3）',
    );
    const mixed = { production: true, resolve: async () => ['140.207.189.1', '::ffff:192.168.0.9'] };
    expect(await checkWebhookUrl('DINGTALK_ROBOT', 'https://hooks.example.com/x', mixed)).toMatch(/内网.*192\.168|内网.*::ffff/);
    const loopback = { production: true, resolve: async () => ['127.0.0.1'] };
    expect(await checkWebhookUrl('DINGTALK_ROBOT', 'https://hooks.example.com/x', loopback)).toMatch(/本机/);
  });

  it('passes the host name to the resolver and refuses one that does not resolve', async () => {
    const asked: string[] = [];
    const resolve = async (host: string) => {
      asked.push(host);
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    expect(await checkWebhookUrl('WECOM_ROBOT', 'https://Nowhere.Example.com/x', { production: true, resolve })).toMatch(
      /无法解析.*nowhere\.example\.com.*ENOTFOUND/,
    );
    expect(asked).toEqual(['nowhere.example.com']);
    expect(await checkWebhookUrl('WECOM_ROBOT', 'https://empty.example.com/x', { production: true, resolve: async () => [] })).toMatch(/没有地址/);
  });

  it('does not resolve an IP literal', async () => {
    const resolve = async (): Promise<string[]> => {
      throw new Error('should not be called');
    };
    expect(await checkWebhookUrl('WECOM_ROBOT', 'https://8.8.8.8/x', { production: true, resolve })).toBeNull();
  });

  it('names the robot kind', async () => {
    expect(await checkWebhookUrl('WECOM_ROBOT', 'http://a.example.com/', production)).toMatch(/^企业微信机器人地址/);
    expect(await checkWebhookUrl('DINGTALK_ROBOT', 'http://a.example.com/', production)).toMatch(/^钉钉机器人地址/);
  });
});

describe('checkWebhookUrl outside production', () => {
  it.each(['http://127.0.0.1:1234/x', 'http://localhost:1234/x', 'http://[::1]:1234/x', 'https://oapi.dingtalk.com/robot/send?access_token=abc'])(
    'accepts %s',
    async (url) => {
      expect(await checkWebhookUrl('DINGTALK_ROBOT', url, development)).toBeNull();
    },
  );

  it.each([
    ['http://10.0.0.1:1234/x', /内网/],
    ['http://169.254.169.254/', /内网/],
    ['http://user:pass@127.0.0.1:1234/x', /用户名或密码/],
    ['file:///etc/passwd', /http:\/\/ 或 https:\/\//],
    ['gopher://127.0.0.1/', /http:\/\/ 或 https:\/\//],
  ])('still refuses %s', async (url, message) => {
    expect(await checkWebhookUrl('DINGTALK_ROBOT', url, development)).toMatch(message);
  });

  it('still refuses a name resolving to a private address', async () => {
    expect(await checkWebhookUrl('WECOM_ROBOT', 'http://intranet.example.com/', { production: false, resolve: async () => ['192.168.3.4'] })).toMatch(/内网/);
  });
});

describe('checkEmailTargets', () => {
  it.each([
    'a@example.com',
    'a@example.com, b@example.org; c.d+e@sub.example.gov.cn',
    ' zhang.san@例子.中国 ',
    Array.from({ length: 20 }, (_, i) => `u${i}@example.com`).join(','),
  ])('accepts %s', (target) => {
    expect(checkEmailTargets(target)).toBeNull();
  });

  it.each([
    ['', /至少一个/],
    [' ;, ', /至少一个/],
    ['a@example.com\r\nBcc: x@example.com', /换行/],
    ['a@example.com\nb@example.com', /换行/],
    ['a@example.com\u0000', /控制字符/],
    ['not-an-address', /不是有效的邮箱地址：not-an-address/],
    ['a@b', /不是有效的邮箱地址/],
    ['a@example.com, <b@example.com>', /不是有效的邮箱地址：<b@example.com>/],
    ['"a"@example.com', /不是有效的邮箱地址/],
    ['a..b@example.com', /不是有效的邮箱地址/],
    [Array.from({ length: 21 }, (_, i) => `u${i}@example.com`).join(','), /过多（21 个/],
  ])('refuses %j', (target, message) => {
    expect(checkEmailTargets(target)).toMatch(message);
  });
});
