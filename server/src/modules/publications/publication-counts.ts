import type { EntityManager } from '@mikro-orm/postgresql';
import { compare } from '../../core/compare.js';
import { periodKeysOf, type Period } from '../../time/period.js';
import { InterpretationForm } from './publication-enums.js';

/** What a publication is counted by. */
export interface CountedPublication {
  departmentId: number;
  publishedOn: string;
  /** Path of its category ("/5/" or "/5/12/"): counted under the category and each ancestor. */
  categoryPath: string;
  interpretationForm: InterpretationForm | null | undefined;
}

/** A change to one row of publication_count. */
export interface CountDelta {
  departmentId: number;
  periodKey: string;
  /** null: the all-categories row. */
  categoryId: number | null;
  count: number;
  interpretations: number;
  nonText: number;
}

/**
 * The rows to change when `removed` publications leave and `added` ones arrive (a move is
 * both): merged per row, rows that net to zero dropped, sorted in one fixed order (period key,
 * category with all-categories first, department) so that concurrent writers lock rows in the
 * same order and never deadlock.
 */
export function countDeltas(removed: readonly CountedPublication[], added: readonly CountedPublication[]): CountDelta[] {
  const rows = new Map<string, CountDelta>();
  const add = (p: CountedPublication, sign: 1 | -1) => {
    const isInterpretation = p.interpretationForm != null;
    const isNonText = isInterpretation && p.interpretationForm !== InterpretationForm.TEXT;
    const categories = [null, ...p.categoryPath.split('/').filter(Boolean).map(Number)];
    for (const periodKey of periodKeysOf(p.publishedOn)) {
      for (const categoryId of categories) {
        const key = `${periodKey}|${categoryId ?? ''}|${p.departmentId}`;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { departmentId: p.departmentId, periodKey, categoryId, count: 0, interpretations: 0, nonText: 0 }));
        row.count += sign;
        row.interpretations += isInterpretation ? sign : 0;
        row.nonText += isNonText ? sign : 0;
      }
    }
  };
  for (const p of removed) add(p, -1);
  for (const p of added) add(p, 1);
  return [...rows.values()]
    .filter((r) => r.count || r.interpretations || r.nonText)
    .sort(
      (a, b) =>
        compare(a.periodKey, b.periodKey) ||
        // the all-categories row first
        (a.categoryId ?? -1) - (b.categoryId ?? -1) ||
        a.departmentId - b.departmentId,
    );
}

const CHUNK = 1000;

/**
 * Applies deltas with upserts on the caller's transaction. A count can never go below zero:
 * a delta that would is a bug, and aborts the transaction.
 */
export async function applyCountDeltas(em: EntityManager, deltas: readonly CountDelta[]): Promise<void> {
  for (let i = 0; i < deltas.length; i += CHUNK) {
    const chunk = deltas.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const values = chunk.map((d) => {
      params.push(d.departmentId, d.periodKey, d.categoryId, d.count, d.interpretations, d.nonText);
      return '(?::int, ?::text, ?::int, ?::int, ?::int, ?::int)';
    });
    const rows = await em.execute<{ count: number; interpretation_count: number; non_text_interpretation_count: number }[]>(
      `insert into publication_count as c (department_id, period_key, category_id, count, interpretation_count, non_text_interpretation_count)
       values ${values.join(', ')}
       on conflict (period_key, category_id, department_id) do update set
         count = c.count + excluded.count,
         interpretation_count = c.interpretation_count + excluded.interpretation_count,
         non_text_interpretation_count = c.non_text_interpretation_count + excluded.non_text_interpretation_count
       returning count, interpretation_count, non_text_interpretation_count`,
      params,
    );
    if (rows.some((r) => r.count < 0 || r.interpretation_count < 0 || r.non_text_interpretation_count < 0)) {
      throw new Error('publication_count would go below zero: the counts have drifted (run rebuildCounts)');
    }
  }
}

/** How the publication service keeps the counts; the benchmark swaps in NO_COUNT_MAINTENANCE to measure their cost. */
export interface CountMaintainer {
  apply(em: EntityManager, removed: readonly CountedPublication[], added: readonly CountedPublication[]): Promise<void>;
}

export const COUNT_MAINTENANCE: CountMaintainer = {
  apply: (em, removed, added) => applyCountDeltas(em, countDeltas(removed, added)),
};

/** Benchmark only: records without counting (the board is then wrong). */
export const NO_COUNT_MAINTENANCE: CountMaintainer = { apply: async () => undefined };

/**
 * The truth the counts must equal: a GROUP BY over the publications, per department, period
 * key (month, quarter, year) and category (null and each category of the path). `where`
 * narrows the publications (alias p), `having` the keys (alias k.period_key).
 */
export function countTruthSql(where = 'true', keyFilter = 'true'): string {
  return `select p.department_id, k.period_key, c.category_id,
            count(*)::int as count,
            count(p.interpretation_form)::int as interpretation_count,
            (count(*) filter (where p.interpretation_form <> 'TEXT'))::int as non_text_interpretation_count
     from publication p
     join category cat on cat.id = p.category_id
     cross join lateral (values (to_char(p.published_on, 'YYYY-MM')), (to_char(p.published_on, 'YYYY-"Q"Q')), (to_char(p.published_on, 'YYYY'))) k(period_key)
     cross join lateral (select null::int as category_id union all select unnest(string_to_array(trim(both '/' from cat.path), '/'))::int) c
     where ${where} and ${keyFilter}
     group by p.department_id, k.period_key, c.category_id`;
}

/**
 * Recomputes the counts from the publications: of one period key, or all. Writers wait
 * meanwhile (share lock on publication). For repair and the benchmark; normal writes keep
 * the counts exact by themselves.
 */
export async function rebuildCounts(em: EntityManager, period?: Period): Promise<number> {
  return em.transactional(async (tx) => {
    await tx.execute('lock table publication in share mode', [], 'run');
    const columns = 'department_id, period_key, category_id, count, interpretation_count, non_text_interpretation_count';
    if (!period) {
      await tx.execute('delete from publication_count', [], 'run');
      const result = await tx.execute<{ affectedRows: number }>(`insert into publication_count (${columns}) ${countTruthSql()}`, [], 'run');
      return result.affectedRows;
    }
    await tx.execute('delete from publication_count where period_key = ?', [period.key], 'run');
    const result = await tx.execute<{ affectedRows: number }>(
      `insert into publication_count (${columns}) ${countTruthSql('p.published_on between ?::date and ?::date', 'k.period_key = ?')}`,
      [period.from, period.to, period.key],
      'run',
    );
    return result.affectedRows;
  });
}
