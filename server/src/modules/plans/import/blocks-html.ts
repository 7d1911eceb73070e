import type { PlanBlock } from './types.js';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

/**
 * Blocks as HTML that `readPlanHtml` reads back into the same blocks: prose as paragraphs, tables with their merged
 * cells as rowspan/colspan again. A file read on the server (.docx, .xlsx) then goes through the same pasted-text path
 * (`previewPlanImport`, `importPlan`) as a page copied from a website, with the person's mapping.
 */
export function blocksToHtml(blocks: readonly PlanBlock[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'prose') {
      for (const line of block.lines) out.push(`<p>${escape(line.text)}</p>`);
      continue;
    }
    // The extent of each merged cell: its first row and column and how far it reaches.
    const extent = new Map<string, { row: number; col: number; rows: number; cols: number }>();
    block.rows.forEach((row, r) =>
      row.merged?.forEach((id, c) => {
        if (id === null) return;
        const e = extent.get(id);
        if (!e) extent.set(id, { row: r, col: c, rows: 1, cols: 1 });
        else {
          e.rows = Math.max(e.rows, r - e.row + 1);
          e.cols = Math.max(e.cols, c - e.col + 1);
        }
      }),
    );
    out.push('<table>');
    block.rows.forEach((row, r) => {
      const cells: string[] = [];
      row.cells.forEach((text, c) => {
        const id = row.merged?.[c] ?? null;
        const e = id === null ? undefined : extent.get(id);
        if (e && (e.row !== r || e.col !== c)) return; // covered by the merged cell above or to the left
        const span = e ? `${e.rows > 1 ? ` rowspan="${e.rows}"` : ''}${e.cols > 1 ? ` colspan="${e.cols}"` : ''}` : '';
        cells.push(`<td${span}>${escape(text)}</td>`);
      });
      out.push(`<tr>${cells.join('')}</tr>`);
    });
    out.push('</table>');
  }
  return out.join('\n');
}
