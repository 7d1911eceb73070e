import { describe, expect, it } from 'vitest';
import { ALL_TOPICS } from '../realtime/topics.js';
import { activityLabelOf, HTTP_OPERATIONS, OPERATIONS, topicsOf, TICKER_OPERATIONS } from './operations.js';
import { getSchema } from './schema.js';

/** The operation registry is complete: every root operation of the schema has its row, nothing else does. */
describe('operation registry', () => {
  it('has a row for every root operation of the schema and no row for anything else', async () => {
    const schema = await getSchema();
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? Object.keys(t.getFields()) : []));
    expect(
      roots.filter((op) => !(op in OPERATIONS)),
      'operations without a row in server/src/graphql/operations.ts',
    ).toEqual([]);
    expect(
      Object.keys(OPERATIONS).filter((op) => !roots.includes(op)),
      'rows without an operation',
    ).toEqual([]);
  });

  it('says of every mutation what it invalidates and how it shows on the ticker; of no query or subscription', async () => {
    const schema = await getSchema();
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    for (const op of mutations) {
      const row = OPERATIONS[op] as { invalidates?: unknown; activity?: unknown };
      expect(Array.isArray(row.invalidates), `${op}: invalidates`).toBe(true);
      expect(row.activity === null || (typeof row.activity === 'string' && row.activity.length > 0), `${op}: activity`).toBe(true);
    }
    for (const op of Object.keys(OPERATIONS).filter((o) => !mutations.includes(o))) {
      expect('invalidates' in OPERATIONS[op]!, `${op} is not a mutation`).toBe(false);
      expect(topicsOf(op)).toEqual([]);
    }
  });

  it('derives the live topics: only known ones, and the ticker’s exactly when a label is shown', () => {
    for (const op of [...Object.keys(OPERATIONS), ...Object.keys(HTTP_OPERATIONS)]) {
      const topics = topicsOf(op);
      for (const t of topics) expect(ALL_TOPICS, `${op}: ${t}`).toContain(t);
      expect(topics.includes('activity'), op).toBe(activityLabelOf(op) !== null);
      expect(TICKER_OPERATIONS.includes(op), op).toBe(activityLabelOf(op) !== null);
    }
    expect(topicsOf('recordPublication')).toEqual(['publications', 'deadlines', 'activity']);
    expect(topicsOf('importPublications')).toEqual(topicsOf('recordPublication'));
    expect(topicsOf('login')).toEqual([]);
    // A name without a row (never in a complete registry): everything, so nothing is left stale.
    expect([...topicsOf('noSuchOperation')].sort()).toEqual([...ALL_TOPICS].sort());
  });
});
