/**
 * The maintained counts never drift: after a random (seeded) mix of recordings, moves between
 * departments, dates (quarters, years) and categories, and deletions — some of them concurrent —
 * publication_count equals a GROUP BY over the publications, row for row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTruthSql, rebuildCounts } from '../../server/src/modules/publications/publication-counts.js';
import { parsePeriod } from '../../server/src/time/period.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let departments: string[];
let categories: { id: string; isInterpretation: boolean }[];
let channel: string;

/** mulberry32: a small seeded PRNG, so that a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RECORD = `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id version } }`;
const UPDATE = `mutation($i: UpdatePublicationInput!) { updatePublication(input: $i) { id version } }`;
const DELETE = `mutation($id: ID!, $v: Int!) { deletePublication(id: $id, version: $v) }`;

beforeAll(async () => {
  server = await startTestServer();
  const rows = await server.sql(`select id from department where code like 'PDS-%' order by id`);
  departments = rows.map((r) => String(r.id));
  const { createCategory } = await server.gqlOk<any>(
    `mutation { createCategory(input: { name: "漂移测试子类", parentId: ${(await server.sql(`select id from category where name = '重点领域'`))[0].id} }) { id } }`,
  );
  categories = [
    ...(await server.sql(`select id::text, is_interpretation as "isInterpretation" from category where parent_id is null order by id`)),
    { id: createCategory.id, isInterpretation: false },
  ];
  channel = String(
    (
      await server.sql(
        `select c.id from channel c join department d on d.id = c.department_id where d.code = 'PDS' and c.kind = 'PORTAL_COLUMN' order by c.id limit 1`,
      )
    )[0].id,
  );
});
afterAll(() => server?.close());

async function drift(): Promise<{ missing: unknown[]; extra: unknown[] }> {
  const key = `department_id, period_key, category_id, count, interpretation_count, non_text_interpretation_count`;
  const missing = await server.sql(
    `(${countTruthSql()}) except (select ${key} from publication_count where count <> 0 or interpretation_count <> 0 or non_text_interpretation_count <> 0)`,
  );
  const extra = await server.sql(
    `(select ${key} from publication_count where count <> 0 or interpretation_count <> 0 or non_text_interpretation_count <> 0) except (${countTruthSql()})`,
  );
  return { missing, extra };
}

describe('maintained counts', () => {
  it('equal the GROUP BY truth after a random mix of inserts, moves and deletes', async () => {
    const random = prng(20261121);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    // Dates over five quarters and two years, none in the future.
    const date = () => {
      const day = Math.floor(random() * 400);
      return new Date(Date.UTC(2025, 9, 1) + day * 86_400_000).toISOString().slice(0, 10);
    };
    const draft = () => {
      const category = pick(categories);
      return {
        departmentId: pick(departments),
        categoryId: category.id,
        interpretationForm: category.isInterpretation ? pick(['TEXT', 'CHART', 'VIDEO', 'ANIMATION', 'INTERVIEW']) : null,
        publishedOn: date(),
      };
    };
    // Move department, date, category — or all of them.
    const patchOf = (change: number, d: ReturnType<typeof draft>) => {
      if (change < 0.25) return { departmentId: d.departmentId };
      if (change < 0.5) return { publishedOn: d.publishedOn };
      if (change < 0.75) return { categoryId: d.categoryId, interpretationForm: d.interpretationForm };
      return d;
    };
    const live = new Map<string, number>();
    let n = 0;
    const operations = { record: 0, move: 0, delete: 0 };

    for (let round = 0; round < 30; round++) {
      // Eight at a time: concurrent transactions on overlapping count rows.
      const batch = Array.from({ length: 8 }, () => {
        const r = random();
        const ids = [...live.keys()];
        if (r < 0.5 || ids.length < 5) {
          operations.record++;
          const d = draft();
          return async () => {
            const res = await server.gqlOk<any>(RECORD, { i: { ...d, title: `漂移 ${n}`, channelId: channel, url: `https://drift.test.example/${n++}` } });
            live.set(res.recordPublication.id, res.recordPublication.version);
          };
        }
        const id = pick(ids);
        live.delete(id);
        if (r < 0.8) {
          operations.move++;
          const d = draft();
          const change = random();
          const patch = patchOf(change, d);
          return async () => {
            const version = (await server.sql(`select version from publication where id = $1`, [id]))[0].version;
            const res = await server.gqlOk<any>(UPDATE, { i: { id, version, ...patch } });
            live.set(id, res.updatePublication.version);
          };
        }
        operations.delete++;
        return async () => {
          const version = (await server.sql(`select version from publication where id = $1`, [id]))[0].version;
          await server.gqlOk(DELETE, { id, v: version });
        };
      });
      await Promise.all(batch.map((op) => op()));
    }
    expect(operations.record).toBeGreaterThan(80);
    expect(operations.move).toBeGreaterThan(40);
    expect(operations.delete).toBeGreaterThan(20);
    expect(await drift()).toEqual({ missing: [], extra: [] });
  });

  it('are rebuilt from scratch to the same figures, one period or all', async () => {
    const before = await server.sql(`select department_id, period_key, category_id, count from publication_count where count <> 0 order by 1, 2, 3`);
    await rebuildCounts(server.orm.em.fork(), parsePeriod('2026-Q1')!);
    expect(await server.sql(`select department_id, period_key, category_id, count from publication_count where count <> 0 order by 1, 2, 3`)).toEqual(before);
    await server.sql(`update publication_count set count = count + 7 where period_key = '2026'`);
    expect((await drift()).extra.length).toBeGreaterThan(0);
    await rebuildCounts(server.orm.em.fork());
    expect(await drift()).toEqual({ missing: [], extra: [] });
  });
});
