/** Small text helpers shared by the readers and the interpreter. */

/** Input text with one kind of line break, no BOM, no zero-width characters, non-breaking spaces as spaces. */
export function normalizeInputText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2002\u2003\u2009\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
}

/** A cell's text: lines trimmed (spaces and ideographic spaces), blank lines dropped, runs of spaces collapsed. */
export function cleanCellText(text: string): string {
  return normalizeInputText(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Spaces between two Chinese characters are layout, not text ("常态化 工作任务清单" → "常态化工作任务清单"). */
export function squeezeCjkSpaces(text: string): string {
  return text.replace(/(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])/g, '');
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** "第3–5行" from "第3行" and "第5行" (same prefix), else the first source. */
export function sourceRange(first: string, last: string): string {
  if (first === last) return first;
  const a = /^(.*第)(\d+)(行.*)$/.exec(first);
  const b = /^(.*第)(\d+)(行.*)$/.exec(last);
  if (a && b && a[1] === b[1] && a[3] === b[3]) return `${a[1]}${a[2]}–${b[2]}${a[3]}`;
  return first;
}
