import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RequestOutcome } from './request-enums.js';

describe('RequestOutcome', () => {
  it('has exactly the leaf result rows of table 三 of the national format', () => {
    const spec = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../seeds/reference/annual-report-spec.json'), 'utf8'));
    const rows: { id: string; parent?: string; isGroupHeader?: boolean }[] = spec.tables.table3.rows;
    const underResults = (id: string | undefined): boolean => id === 'results' || (!!id && underResults(rows.find((r) => r.id === id)?.parent));
    const leaves = rows.filter((r) => underResults(r.parent) && !r.isGroupHeader && r.id !== 'resultsTotal').map((r) => r.id);
    expect(Object.values(RequestOutcome).sort()).toEqual(leaves.sort());
  });
});
