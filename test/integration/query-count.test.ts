import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let counting = false;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({
    // Only the request's statements: no outbox worker polling beside it (its queries would land in the count).
    env: { NOTIFY_POLL_MS: '0' },
    onQuery: (line) => {
      // The ORM's one-off connection check is not a query of ours.
      if (counting && /\b(select|insert|update|delete)\b/i.test(line) && !line.includes('pg_database')) statements.push(line);
    },
  });
});
afterAll(() => server?.close());

async function countQueries(query: string, variables?: Record<string, unknown>): Promise<{ count: number; data: any }> {
  statements = [];
  counting = true;
  const data = await server.gqlOk<any>(query, variables);
  counting = false;
  return { count: statements.length, data };
}

const TASKS = `query($first: Int!) {
  tasks(first: $first) {
    totalCount
    nodes {
      id status progress
      department { id name parent { name } }
      workPoint { id number title plan { title } leadDepartments { name } }
      updates { note }
    }
  }
}`;

describe('no N+1', () => {
  it('lists 100 tasks with department, work point, leads and updates in a bounded number of queries', async () => {
    const small = await countQueries(TASKS, { first: 5 });
    const smallStatements = statements;
    const big = await countQueries(TASKS, { first: 100 });
    expect(big.data.tasks.nodes).toHaveLength(100);
    expect(new Set(big.data.tasks.nodes.map((t: any) => t.department.id)).size).toBeGreaterThan(5);
    // page + count + one batched load per relation level, whatever the page size.
    expect(big.count, statements.join('\n')).toBeLessThanOrEqual(10);
    expect(big.count, `small:\n${smallStatements.join('\n')}\nbig:\n${statements.join('\n')}`).toBe(small.count);
  });

  it('lists plans with all their points, leads and tasks in a bounded number of queries', async () => {
    const { count } = await countQueries(`{ plans { workPoints { leadDepartments { name } responsibleDepartments { name } tasks { department { name } } } } }`);
    expect(count, statements.join('\n')).toBeLessThanOrEqual(8);
  });
});
