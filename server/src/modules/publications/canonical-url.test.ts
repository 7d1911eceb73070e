import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url.js';

describe('canonicalUrl', () => {
  it('one form for the same page in disguise (issue 12)', () => {
    const forms = [
      'https://probe.example.gov.cn/dup1',
      'HTTPS://PROBE.EXAMPLE.GOV.CN/dup1',
      'https://probe.example.gov.cn:443/dup1',
      'https://probe.example.gov.cn/dup1/',
      'https://probe.example.gov.cn/dup1#frag',
      'http://probe.example.gov.cn/dup1',
      'http://probe.example.gov.cn:80/dup1',
      'https://probe.example.gov.cn./dup1',
      '  https://probe.example.gov.cn/dup1?utm_source=wechat&spm=a.b.c  ',
    ];
    for (const f of forms) expect(canonicalUrl(f), f).toBe('https://probe.example.gov.cn/dup1');
  });

  it('keeps what tells pages apart: path case, other parameters (sorted), non-default ports', () => {
    expect(canonicalUrl('https://x.gov.cn/Art/A.html')).toBe('https://x.gov.cn/Art/A.html');
    expect(canonicalUrl('https://x.gov.cn/art?id=2&cat=1&from=timeline')).toBe('https://x.gov.cn/art?cat=1&id=2');
    expect(canonicalUrl('https://x.gov.cn/art?id=2')).not.toBe(canonicalUrl('https://x.gov.cn/art?id=3'));
    expect(canonicalUrl('https://x.gov.cn:8443/a')).toBe('https://x.gov.cn:8443/a');
    expect(canonicalUrl('https://x.gov.cn/')).toBe('https://x.gov.cn/');
    expect(canonicalUrl('https://x.gov.cn')).toBe('https://x.gov.cn/');
    expect(canonicalUrl('https://x.gov.cn/?lang=en')).toBe('https://x.gov.cn/?lang=en');
  });

  it('a WeChat article is its __biz, mid, idx and sn', () => {
    const a = 'https://mp.weixin.qq.com/s?__biz=MzA5&mid=2650&idx=1&sn=abc&chksm=8b&scene=21&sessionid=99&key=k#rd';
    const b = 'http://MP.WEIXIN.QQ.COM/s?sn=abc&idx=1&mid=2650&__biz=MzA5';
    expect(canonicalUrl(a)).toBe(canonicalUrl(b));
    expect(canonicalUrl(a)).toBe('https://mp.weixin.qq.com/s?__biz=MzA5&idx=1&mid=2650&sn=abc');
    expect(canonicalUrl('https://mp.weixin.qq.com/s/AbC-xyz')).toBe('https://mp.weixin.qq.com/s/AbC-xyz');
  });

  it('an internationalised host and its punycode are one', () => {
    expect(canonicalUrl('https://政府.中国/a')).toBe(canonicalUrl('https://xn--mxtq1m.xn--fiqs8s/a'));
  });

  it('is idempotent and never throws on any string', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (u) => {
        const once = canonicalUrl(u);
        expect(canonicalUrl(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string(), (s) => typeof canonicalUrl(s) === 'string'));
  });
});
