/**
 * Checks of a notification channel's target before it is saved: a robot's webhook URL, an e-mail channel's
 * addresses. The server POSTs to whatever URL an admin enters, so a URL must not point it at itself or at the
 * internal network (SSRF):
 * - the URL parses, has no user name or password, no whitespace or control characters, and is at most 2048
 *   characters;
 * - in production it is https, and its host is neither a literal nor a name resolving to a loopback, private
 *   (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), CGNAT (100.64/10), multicast,
 *   unspecified, reserved or documentation address. IPv4 written as a number, in hex or octal is normalised by the
 *   WHATWG URL parser before the check; IPv6 embedding IPv4 (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d,
 *   2002:aabb:ccdd::) is judged by its IPv4 address too;
 * - outside production http and loopback (127/8, ::1, localhost) are allowed, as tests' receivers listen there;
 *   every other check applies.
 * A name is checked against every address it resolves to at the time of the check; a name that resolves
 * differently later (DNS rebinding) is out of reach of a save-time check.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export type RobotKind = 'WECOM_ROBOT' | 'DINGTALK_ROBOT';

export interface WebhookUrlCheckOptions {
  /** Production: https only, no loopback. */
  production: boolean;
  /** Every address a host name resolves to; node:dns lookup (all addresses) by default. */
  resolve?: (host: string) => Promise<string[]>;
}

const MAX_URL_LENGTH = 2048;
const MAX_EMAIL_TARGETS = 20;

const KIND_LABEL: Record<RobotKind, string> = { WECOM_ROBOT: '企业微信机器人', DINGTALK_ROBOT: '钉钉机器人' };

type AddressClass = 'public' | 'loopback' | 'internal';

function blockList(subnets: [string, number][], type: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, type);
  return list;
}

const LOOPBACK_V4 = blockList([['127.0.0.0', 8]], 'ipv4');
const INTERNAL_V4 = blockList(
  [
    ['0.0.0.0', 8], // "this network", unspecified
    ['10.0.0.0', 8],
    ['100.64.0.0', 10], // CGNAT
    ['169.254.0.0', 16], // link-local (cloud metadata 169.254.169.254)
    ['172.16.0.0', 12],
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation
    ['192.88.99.0', 24], // 6to4 relay anycast
    ['192.168.0.0', 16],
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // documentation
    ['203.0.113.0', 24], // documentation
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
  ],
  'ipv4',
);
const INTERNAL_V6 = blockList(
  [
    ['::', 128], // unspecified
    ['100::', 64], // discard-only
    ['2001:db8::', 32], // documentation
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['fec0::', 10], // site-local (deprecated)
    ['ff00::', 8], // multicast
  ],
  'ipv6',
);

/** A valid IPv6 address as its 8 groups of 16 bits (a trailing dotted IPv4 part becomes the last two). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [, prefix = '', a, b, c, d] = dotted;
    tail.push((Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d));
    text = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const parse = (part: string | undefined): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const [before, after] = text.split('::');
  const head = parse(before);
  if (after === undefined) return [...head, ...tail];
  const rest = parse(after);
  return [...head, ...Array<number>(8 - head.length - rest.length - tail.length).fill(0), ...rest, ...tail];
}

function ipv4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or null. */
function embeddedIpv4(groups: number[]): string | null {
  const [g0, g1 = 0, g2 = 0, , , g5, g6 = 0, g7 = 0] = groups;
  const zeros = (from: number, to: number): boolean => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && g5 === 0xffff) return ipv4FromGroups(g6, g7); // ::ffff:a.b.c.d
  if (zeros(0, 6) && (g6 !== 0 || g7 > 1)) return ipv4FromGroups(g6, g7); // ::a.b.c.d (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && zeros(2, 6)) return ipv4FromGroups(g6, g7); // NAT64 64:ff9b::/96
  if (g0 === 0x2002) return ipv4FromGroups(g1, g2); // 6to4 2002::/16
  return null;
}

function classifyIpv4(address: string): AddressClass {
  if (LOOPBACK_V4.check(address, 'ipv4')) return 'loopback';
  return INTERNAL_V4.check(address, 'ipv4') ? 'internal' : 'public';
}

/** Where an IP address (either family) leads: the public internet, this machine, or an internal network. */
function classifyAddress(raw: string): AddressClass {
  const address = raw.replace(/%.*$/, ''); // a zone id (fe80::1%eth0)
  const family = isIP(address);
  if (family === 4) return classifyIpv4(address);
  if (family !== 6) return 'internal'; // not an address: refuse rather than guess
  const groups = ipv6Groups(address.toLowerCase());
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'loopback'; // ::1
  const v4 = embeddedIpv4(groups);
  if (v4) return classifyIpv4(v4);
  return INTERNAL_V6.check(address, 'ipv6') ? 'internal' : 'public';
}

async function defaultResolve(host: string): Promise<string[]> {
  const addresses = await lookup(host, { all: true });
  return addresses.map((entry) => entry.address);
}

/**
 * Whether a robot's webhook URL may be saved: null when it may, else a message for the admin naming the problem.
 * See the module comment for the rules; `options.resolve` stands in for DNS in tests.
 */
export async function checkWebhookUrl(kind: RobotKind, url: string, options: WebhookUrlCheckOptions): Promise<string | null> {
  const label = `${KIND_LABEL[kind]}地址`;
  const trimmed = url.trim();
  if (!trimmed) return `${label}不能为空`;
  if (trimmed.length > MAX_URL_LENGTH) return `${label}过长（${trimmed.length} 个字符，最多 ${MAX_URL_LENGTH} 个）`;
  // The URL parser would silently drop a tab or line break inside the address; refuse them instead.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) return `${label}不能包含空格、换行或控制字符`;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return `${label}不是有效的网址：${trimmed.slice(0, 100)}`;
  }
  if (options.production ? parsed.protocol !== 'https:' : parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return options.production ? `${label}必须以 https:// 开头` : `${label}必须以 http:// 或 https:// 开头`;
  }
  if (parsed.username || parsed.password) return `${label}不能包含用户名或密码`;
  const host = parsed.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (!host) return `${label}缺少主机名`;
  const refusal = (address: string, what: AddressClass): string | null => {
    if (what === 'public' || (what === 'loopback' && !options.production)) return null;
    const shown = address === host ? host : `${host}（${address}）`;
    return what === 'loopback' ? `${label}不能指向本机：${shown}` : `${label}不能指向内网、保留或组播地址：${shown}`;
  };
  if (isIP(host)) return refusal(host, classifyAddress(host));
  if (host === 'localhost' || host.endsWith('.localhost')) return refusal(host, 'loopback');
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? defaultResolve)(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `无法解析${label}的域名 ${host}${code ? `（${code}）` : ''}`;
  }
  if (!addresses.length) return `无法解析${label}的域名 ${host}（没有地址）`;
  for (const address of addresses) {
    const problem = refusal(address, classifyAddress(address));
    if (problem) return problem;
  }
  return null;
}

/** A plausible mailbox: local@domain.tld, no spaces, angle brackets, quotes or control characters. */
const EMAIL_RE = /^[^\s@<>()[\]\\,;:"\p{Cc}]{1,64}@[^\s@<>()[\]\\,;:"\p{Cc}]+\.[^\s@<>()[\]\\,;:"\p{Cc}.]{2,}$/u;

/**
 * Whether an e-mail channel's target may be saved: 1–20 addresses separated by , ; or whitespace, each a plausible
 * address, no line breaks (header injection). Null when acceptable, else a message for the admin.
 */
export function checkEmailTargets(target: string): string | null {
  if (/[\r\n]/.test(target)) return '收件地址不能包含换行';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(target)) return '收件地址不能包含控制字符';
  const addresses = target.split(/[,;\s]+/).filter(Boolean);
  if (!addresses.length) return '请填写至少一个收件地址';
  if (addresses.length > MAX_EMAIL_TARGETS) return `收件地址过多（${addresses.length} 个，最多 ${MAX_EMAIL_TARGETS} 个）`;
  for (const address of addresses) {
    if (address.length > 254 || !EMAIL_RE.test(address) || address.includes('..')) return `不是有效的邮箱地址：${address.slice(0, 100)}`;
  }
  return null;
}
