import type { LocationQuery } from 'vue-router';

/** The ledger's filter as the address can preset it (a 考核 fact links to the publications it counted). */
export interface LedgerQueryFilter {
  departmentId: string;
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function one(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * ?department=12&from=2026-01-01&to=2026-03-31 → the filter those give; anything malformed (an id that is not
 * a number, a date not YYYY-MM-DD) is left out. Null when the address presets nothing.
 */
export function ledgerFilterFromQuery(query: LocationQuery): LedgerQueryFilter | null {
  const department = one(query.department);
  const from = one(query.from);
  const to = one(query.to);
  const filter = { departmentId: /^\d+$/.test(department) ? department : '', from: DATE.test(from) ? from : '', to: DATE.test(to) ? to : '' };
  return filter.departmentId || filter.from || filter.to ? filter : null;
}
