/**
 * Spanned cells laid out on a full grid, as HTML (rowspan/colspan), Word (gridSpan/vMerge) and Excel (merged
 * ranges) write them: a spanned cell's text is repeated into every grid position it covers, and each of those
 * positions carries the same merge id, so the interpreter sees one cell (a group) and not several.
 */
import { refuse, type TableBudget } from './limits.js';
import type { TableRow } from './types.js';

export interface SpanCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

/**
 * Lays out rows of spanned cells (HTML's table model: a cell takes the first column not covered by a span from
 * above). `rowSpan` 0 means "to the last row". Spans are clamped to the table; the width to the budget's limit.
 */
export function layoutSpans(rows: SpanCell[][], source: string, budget: TableBudget, maxColumns: number): TableRow[] {
  const grid: Array<Array<{ text: string; id: string | null } | undefined>> = rows.map(() => []);
  // Overlapping spans could make the layout quadratic: bound the positions visited.
  const maxWork = Math.max(10_000, rows.length * maxColumns * 4);
  let work = 0;
  rows.forEach((cells, r) => {
    budget.row(`${source} 第${r + 1}行`);
    let c = 0;
    for (const cell of cells) {
      while (grid[r]![c] !== undefined) c++;
      const colSpan = Math.max(1, Math.min(cell.colSpan, maxColumns));
      const rowSpan = cell.rowSpan === 0 ? rows.length - r : Math.max(1, Math.min(cell.rowSpan, rows.length - r));
      budget.columns(c + colSpan, `${source} 第${r + 1}行`);
      budget.cell(cell.text, `${source} 第${r + 1}行第${c + 1}列`);
      const id = rowSpan > 1 || colSpan > 1 ? `${source}:${r}:${c}` : null;
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) {
          if (++work > maxWork) refuse(`${source}的合并单元格结构过于复杂（行列跨度重叠），请检查表格`, 'TABLE_TOO_LARGE', 'file');
          const row = grid[r + dr]!;
          if (row[c + dc] === undefined) row[c + dc] = { text: cell.text, id };
        }
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row, r) => {
    const cells = Array.from({ length: width }, (_, c) => row[c] ?? { text: '', id: null });
    const merged = cells.map((cell) => cell.id);
    return { cells: cells.map((cell) => cell.text), ...(merged.some((m) => m !== null) ? { merged } : {}), source: `${source} 第${r + 1}行` };
  });
}
