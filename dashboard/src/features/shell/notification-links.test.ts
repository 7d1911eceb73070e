import { describe, expect, it } from 'vitest';
import { inAppPath, unreadBadge } from './notification-links';

describe('inAppPath', () => {
  it('follows paths of this app only', () => {
    expect(inAppPath('/department?notice=3')).toBe('/department?notice=3');
    expect(inAppPath(' /admin/supervision?notice=7 ')).toBe('/admin/supervision?notice=7');
    expect(inAppPath('//evil.example/x')).toBeNull();
    expect(inAppPath('/\\evil.example')).toBeNull();
    expect(inAppPath('https://example.gov.cn/a')).toBeNull();
    expect(inAppPath('javascript:alert(1)')).toBeNull();
    expect(inAppPath(null)).toBeNull();
    expect(inAppPath('')).toBeNull();
  });
});

describe('unreadBadge', () => {
  it('shows nothing at zero and caps at 99+', () => {
    expect(unreadBadge(0)).toBe('');
    expect(unreadBadge(1)).toBe('1');
    expect(unreadBadge(99)).toBe('99');
    expect(unreadBadge(100)).toBe('99+');
  });
});
