import type { CombinedError } from '@urql/core';
import type { AnnualReportStatus } from '../../../graphql/generated/graphql';

/** The annual report's title as printed: 平顶山市城市管理局2025年政府信息公开工作年度报告. */
export function reportTitle(organizationName: string, year: number): string {
  return `${organizationName.trim()}${year}年政府信息公开工作年度报告`;
}

/** The statuses in which figures and narrative can still be changed (the server's EDITABLE). */
export const EDITABLE_STATUSES: readonly AnnualReportStatus[] = ['DRAFT', 'IN_REVIEW'];

/** The list of what an import could not read (extensions.problems of REPORT_UNREADABLE). */
export function importProblems(error: CombinedError | null | undefined): string[] {
  const ext = error?.graphQLErrors[0]?.extensions as Record<string, unknown> | undefined;
  const problems = ext?.problems;
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
}

const FIELD = /\{\{\s*([^{}\s]{1,30})\s*\}\}/g;

/** Live fields printed into a narrative, as the server's renderLiveFields does; unknown names stay as typed. */
export function renderLiveFields(text: string, values: ReadonlyMap<string, number>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const rendered = text.replace(FIELD, (whole, name: string) => {
    const value = values.get(name);
    if (value === undefined) {
      unknown.push(name);
      return whole;
    }
    return String(value);
  });
  return { text: rendered, unknown };
}

/** Pasted reports split at lines holding only “=====”, blank pieces dropped. */
export function splitPastedReports(text: string): string[] {
  return text
    .split(/^[ \t\u3000]*={5}[ \t\u3000]*$/m)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** A label for a pasted report: its first line (usually the title), shortened. */
export function pastedLabel(text: string, index: number): string {
  const first =
    text
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? '';
  const short = first.length > 40 ? `${first.slice(0, 40)}…` : first;
  return short ? `第${index + 1}篇：${short}` : `第${index + 1}篇`;
}

/**
 * Splits reports into batches whose JSON stays under `maxBytes` (UTF-8), keeping their order; a report
 * larger than the limit goes alone (the server then says it is too large).
 */
export function batchesUnder<T extends { text: string; label?: string | null }>(reports: readonly T[], maxBytes: number): T[][] {
  const encoder = new TextEncoder();
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const report of reports) {
    const bytes = encoder.encode(JSON.stringify(report)).length;
    if (current.length && size + bytes > maxBytes) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(report);
    size += bytes;
  }
  if (current.length) batches.push(current);
  return batches;
}
