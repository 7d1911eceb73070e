/**
 * Security headers on every response (issue 11, item 2 in part): no referrer ever leaves our pages
 * (the wall screen's first address carries its token), no MIME sniffing, and a strict
 * Content-Security-Policy on the dashboard, framed only where FRAME_ANCESTORS allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let framed: TestServer;
beforeAll(async () => {
  [server, framed] = await Promise.all([startTestServer(), startTestServer({ env: { FRAME_ANCESTORS: "'self' https://portal.example.gov.cn" } })]);
}, 90_000);
afterAll(async () => {
  await server?.close();
  await framed?.close();
});

const requests: [string, string, RequestInit?][] = [
  ['the wall screen with its token', `/screen?token=${DEMO_SCREEN_TOKEN}`],
  ['the sign-in page', '/login'],
  ['a dashboard asset that does not exist', '/assets/nothing.js'],
  ['the health check', '/healthz'],
  ['GraphQL', '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }],
  ['an export without a token', '/api/publications/export.csv'],
  ['an unknown route', '/no/such/page.php'],
];

describe('every response', () => {
  for (const [name, path, init] of requests) {
    it(`${name}: Referrer-Policy no-referrer, nosniff`, async () => {
      const res = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
      await res.arrayBuffer();
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  }
});

describe('the dashboard', () => {
  it('has a strict Content-Security-Policy and may not be framed by default', async () => {
    const res = await fetch(`${server.url}/screen?token=${DEMO_SCREEN_TOKEN}`);
    await res.text();
    const csp = Object.fromEntries(
      res.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v.join(' ')]),
    );
    expect(csp).toMatchObject({ 'default-src': "'self'", 'script-src': "'self'", 'object-src': "'none'", 'base-uri': "'none'", 'frame-ancestors': "'none'" });
    expect(csp['script-src']).not.toContain('unsafe');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('may be framed by the origins in FRAME_ANCESTORS, and only those', async () => {
    const res = await fetch(`${framed.url}/screen`);
    await res.text();
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://portal.example.gov.cn");
    expect(res.headers.get('x-frame-options')).toBeNull();
  });
});
