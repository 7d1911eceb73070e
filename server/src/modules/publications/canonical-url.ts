import { compare } from '../../core/compare.js';

/**
 * The one form of a publication's address used to tell whether a page is already in the ledger
 * (an item recorded twice must not count twice toward a quota). Two addresses are the same page
 * when they differ only in:
 * - the case of the scheme or the host, a trailing dot of the host, an IDN host vs. its punycode;
 * - http vs. https (government sites serve both; the canonical form says https);
 * - the default port (:80, :443);
 * - a trailing slash of the path (`/a/b/` = `/a/b`; the root stays `/`);
 * - the fragment (`#…`);
 * - tracking or session parameters of the query (utm_*, spm, from, scene, chksm, … see TRACKING;
 *   of a 微信公众号 article only __biz, mid, idx and sn count), and the order of the other parameters.
 * The path's case and the other parameters are kept: servers may tell them apart. The address as
 * entered is kept for display; only this form is compared (unique per organisation).
 */
export function canonicalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return raw.trim();
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  let path = url.pathname.replace(/\/+$/, '');
  if (!path) path = '/';
  const keep = host === 'mp.weixin.qq.com' ? (key: string) => WECHAT_ARTICLE_KEYS.has(key) : (key: string) => !isTracking(key);
  const params = [...url.searchParams.entries()].filter(([key]) => keep(key)).sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `https://${auth}${host}${port}${path}${query}`;
}

/** Query parameters that say who shared or clicked a link, never which page it is. */
const TRACKING = new Set([
  'spm',
  'from',
  'isappinstalled',
  'scene',
  'clicktime',
  'enterid',
  'chksm',
  'sessionid',
  'ascene',
  'devicetype',
  'exportkey',
  'pass_ticket',
  'wx_header',
  'share_token',
  'sharer_shareid',
  'sharer_sharetime',
  'fbclid',
  'gclid',
  'msclkid',
  'yclid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'share_from',
  'share_source',
  'shareid',
  'vd_source',
  'nsukey',
  'winzoom',
  'fontscale',
  'poc_token',
]);

/** A 微信公众号 article (mp.weixin.qq.com/s?…) is these four; the rest is the reader's session. */
const WECHAT_ARTICLE_KEYS = new Set(['__biz', 'mid', 'idx', 'sn']);

function isTracking(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('utm_') || TRACKING.has(k);
}
