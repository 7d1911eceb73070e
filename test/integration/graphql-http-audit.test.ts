import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

// The GraphQL-over-HTTP conformance audit shipped with graphql-http, run against the real /graphql.
describe('GraphQL over HTTP audit', () => {
  const audits = serverAudits({ url: () => server.graphqlUrl });
  for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result, JSON.stringify(result)).toMatchObject({ status: 'ok' });
    });
  }

  // SHOULD audits we knowingly miss, with the reason. Any other SHOULD must pass.
  // Apollo Server answers 400 (not 200) to a request that fails before execution even when the
  // client accepts only application/json; the spec's SHOULD is for legacy clients' sake.
  const apollo400 = 'Apollo Server uses 400 for pre-execution failures under application/json';
  const knownShouldMisses = new Map<string, string>([
    ['572B', apollo400],
    ['FDE2', apollo400],
    ['7B9B', apollo400],
  ]);
  for (const audit of audits.filter((a) => a.name.startsWith('SHOULD'))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      if (knownShouldMisses.has(audit.id)) expect(result.status).not.toBe('ok');
      else expect(result, JSON.stringify(result)).toMatchObject({ status: 'ok' });
    });
  }
});
