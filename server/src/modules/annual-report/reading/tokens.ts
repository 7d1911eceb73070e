import { labelKey } from './normalize.js';

/**
 * The cells of a report's tables as one stream, whatever the layout: `value |` one per line (text copied from a
 * web page), markdown `| a | b |` rows, tab-separated rows copied from Word/Excel, or figures separated by spaces
 * on a label's line (`行政许可 98`, PDF copies). Cells split on `|` and tabs; a cell's words split where a word is
 * a figure. Separators (`---`) and the empty cells that open a line are dropped; other empty cells are kept as
 * `empty` (an unfilled cell, or the padding of a merged one: the table reader tells them apart).
 */
export type Token =
  | { readonly kind: 'text'; readonly text: string; readonly key: string; readonly line: number }
  | { readonly kind: 'value'; readonly value: number; readonly raw: string; readonly line: number }
  | { readonly kind: 'empty'; readonly line: number };

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** Written for "nothing" in a cell: / - — (区县部门 fill 规章 with "/"). */
const ZERO_MARK = /^(?:[/\\／]|[-—–―─]{1,2})$/;
const MAX_LABEL = 120;
const SEPARATOR = /^:?-{3,}:?$|^[—─=]{3,}$/;

/** A table cell's figure: 0, 38665, 38,665, 31.42, -1; `/`, `-`, `—` count as 0. Null when the cell is not a figure. */
export function parseCellValue(word: string): number | null {
  if (ZERO_MARK.test(word)) return 0;
  if (!NUMBER.test(word)) return null;
  return Number(word.replace(/,/g, ''));
}

function pushWords(piece: string, line: number, out: Token[]): void {
  let words: string[] = [];
  const flush = (): void => {
    if (words.length === 0) return;
    const text = words.join(' ');
    // A label is short; a long run of text (a paragraph) is never one.
    out.push({ kind: 'text', text, key: text.length <= MAX_LABEL ? labelKey(text) : '', line });
    words = [];
  };
  for (const word of piece.split(' ')) {
    if (word === '') continue;
    const value = parseCellValue(word);
    if (value === null) {
      words.push(word);
    } else {
      flush();
      out.push({ kind: 'value', value, raw: word, line });
    }
  }
  flush();
}

/** Tokens of normalised report text (see normalizeReportText). */
export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  const lines = normalized.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line];
    if (text === '') continue;
    const pieces = /[|\t]/.test(text) ? text.split(/[|\t]/) : [text];
    const cells = pieces.map((p) => p.trim()).filter((p) => !SEPARATOR.test(p));
    let first = 0;
    while (first < cells.length && cells[first] === '') first++;
    for (let i = first; i < cells.length; i++) {
      if (cells[i] === '') tokens.push({ kind: 'empty', line });
      else pushWords(cells[i], line, tokens);
    }
  }
  return tokens;
}
