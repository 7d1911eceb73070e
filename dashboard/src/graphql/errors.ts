import type { CombinedError } from '@urql/core';

/** One error from the API, as the server reports it (message in Chinese). */
export interface ApiProblem {
  message: string;
  code?: string;
  reason?: string;
  /** Input field it is about, without the `input.` prefix. */
  field?: string;
  currentVersion?: number;
}

const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试';

function fieldName(field: unknown): string | undefined {
  return typeof field === 'string' ? field.replace(/^input\./, '') : undefined;
}

/** The errors of a failed operation, with validation errors split per field. */
export function problemsOf(error: CombinedError | null | undefined): ApiProblem[] {
  if (!error) return [];
  if (error.networkError && !error.graphQLErrors.length) return [{ message: NETWORK_MESSAGE, code: 'NETWORK' }];
  return error.graphQLErrors.flatMap((e) => {
    const ext = (e.extensions ?? {}) as Record<string, unknown>;
    const base = {
      code: typeof ext.code === 'string' ? ext.code : undefined,
      reason: typeof ext.reason === 'string' ? ext.reason : undefined,
      currentVersion: typeof ext.currentVersion === 'number' ? ext.currentVersion : undefined,
    };
    const fields = Array.isArray(ext.fields) ? (ext.fields as { field: string; message: string }[]) : null;
    if (fields?.length) return fields.map((f) => ({ ...base, message: f.message, field: fieldName(f.field) }));
    return [{ ...base, message: e.message, field: fieldName(ext.field) }];
  });
}

/** field → message (first per field); errors without a field under `''`. */
export function fieldMessages(problems: readonly ApiProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const key = p.field ?? '';
    if (!(key in out)) out[key] = p.message;
  }
  return out;
}

export function isStale(problems: readonly ApiProblem[]): boolean {
  return problems.some((p) => p.code === 'STALE_VERSION');
}
