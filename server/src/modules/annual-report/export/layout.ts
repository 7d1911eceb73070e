/**
 * Tables 二, 三 and 四 of the national annual-report format (国办公开办函〔2021〕30号) laid out on a grid:
 * every printed cell with its position, its spans and its text or figure. Built from the format's data
 * (format.ts) and shared by the .docx and .xlsx exports, so that both print the same merged headers.
 */
import {
  TABLE2_BLOCKS,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROW,
  cellKey,
  type CellAddress,
  type FormatColumn,
  type FormatRow,
  type ReportTableId,
} from '../format.js';
import type { AnnualReportDocument } from '../report-document.js';

/** The headings of the six parts, in order. */
export const SECTION_HEADINGS = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
} as const;

/** The note in the top-left cell of table 三. */
export const TABLE3_CORNER_TEXT = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
/** The header above all columns of table 三. */
export const TABLE3_COLUMNS_HEADER = '申请人情况';
/** The header of the label column of table 二. */
export const TABLE2_LABEL_HEADER = '信息内容';

export type GridCellRole = 'corner' | 'header' | 'block' | 'rowLabel' | 'value';

/** One printed cell; it covers rows row … row+rowSpan-1 and columns col … col+colSpan-1. */
export interface GridCell {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly role: GridCellRole;
  readonly text: string;
  /** The figure of a value cell (0 when the document has none). */
  readonly value?: number;
  readonly address?: CellAddress;
  /** Row labels of table 三 are set flush left; everything else is centred. */
  readonly alignLeft?: boolean;
}

export interface GridTable {
  readonly id: ReportTableId;
  readonly heading: string;
  readonly columnCount: number;
  /** Width of every grid column in twips; they add up to the width of the text block. */
  readonly columnWidths: readonly number[];
  /** Rows at the top that hold column headers (repeated on every page, frozen in the sheet). */
  readonly headerRowCount: number;
  /** Columns at the left that hold row labels. */
  readonly labelColumnCount: number;
  /** The cells starting in each row, in column order; rows covered by a cell above hold fewer. */
  readonly rows: readonly (readonly GridCell[])[];
}

/** Width of the text block of an A4 page with the margins of docx.ts (21 cm − 2.8 cm − 2.6 cm), in twips. */
export const TEXT_WIDTH_TWIPS = 8845;

/** Figures as printed: integers as integers, amounts (table 二's fee) with at most 4 decimals and no trailing zeros. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return '0';
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/** 2024-01-04 → 2024年1月4日; other text is returned as it is. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(isoDate.trim());
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}

export function reportTitle(doc: Pick<AnnualReportDocument, 'organizationName' | 'year'>): string {
  return `${doc.organizationName.trim()}${doc.year}年政府信息公开工作年度报告`;
}

/** A text part split into its lines (blank lines dropped, surrounding spaces and ideographic spaces trimmed). */
export function textLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0);
}

function figureLookup(doc: AnnualReportDocument): (address: CellAddress) => number {
  const values = new Map<string, number>();
  for (const cell of doc.cells) values.set(cellKey(cell.table, cell.row, cell.column), cell.value);
  return (a) => values.get(cellKey(a.table, a.row, a.column)) ?? 0;
}

class GridBuilder {
  readonly rows: GridCell[][] = [];

  add(cell: Omit<GridCell, 'rowSpan' | 'colSpan'> & { rowSpan?: number; colSpan?: number }): void {
    while (this.rows.length <= cell.row) this.rows.push([]);
    this.rows[cell.row]!.push({ rowSpan: 1, colSpan: 1, ...cell });
  }

  build(): GridCell[][] {
    return this.rows.map((row) => [...row].sort((a, b) => a.col - b.col));
  }
}

/**
 * Header rows for columns described by their header paths (outermost first): columns next to each other
 * under the same header share one cell spanning them; a path shorter than the deepest one ends in a cell
 * spanning the remaining header rows.
 */
function addColumnHeaders(grid: GridBuilder, paths: readonly (readonly string[])[], firstCol: number, firstRow: number): number {
  const depth = Math.max(...paths.map((p) => p.length));
  for (let r = 0; r < depth; r++) {
    let c = 0;
    while (c < paths.length) {
      const path = paths[c]!;
      if (path.length <= r) {
        c++;
        continue;
      }
      if (path.length === r + 1) {
        grid.add({ row: firstRow + r, col: firstCol + c, rowSpan: depth - r, role: 'header', text: path[r]! });
        c++;
        continue;
      }
      const prefix = path.slice(0, r + 1).join('\u0000');
      let end = c + 1;
      while (end < paths.length && paths[end]!.length > r + 1 && paths[end]!.slice(0, r + 1).join('\u0000') === prefix) end++;
      grid.add({ row: firstRow + r, col: firstCol + c, colSpan: end - c, role: 'header', text: path[r]! });
      c = end;
    }
  }
  return depth;
}

const columnPath = (column: FormatColumn, outer: readonly string[] = []): string[] => [
  ...outer,
  ...(column.group ? column.group.split('/') : []),
  column.label,
];

/** Table 二: four blocks, each a label row spanning the table, a header row 信息内容 … and its rows. */
export function layoutTable2(doc: AnnualReportDocument): GridTable {
  const figure = figureLookup(doc);
  const dataColumns = Math.max(...TABLE2_BLOCKS.map((b) => b.columns.length));
  const grid = new GridBuilder();
  let row = 0;
  for (const block of TABLE2_BLOCKS) {
    grid.add({ row, col: 0, colSpan: dataColumns + 1, role: 'block', text: block.label });
    row++;
    // The last column of a block with fewer columns spans the rest of the table.
    const span = (i: number) => (i === block.columns.length - 1 ? dataColumns - i : 1);
    grid.add({ row, col: 0, role: 'header', text: TABLE2_LABEL_HEADER });
    block.columns.forEach((column, i) => grid.add({ row, col: i + 1, colSpan: span(i), role: 'header', text: column.label }));
    row++;
    for (const r of block.rows) {
      grid.add({ row, col: 0, role: 'rowLabel', text: r.label });
      block.columns.forEach((column, i) => {
        const address: CellAddress = { table: 'table2', row: r.id, column: column.id };
        const value = figure(address);
        grid.add({ row, col: i + 1, colSpan: span(i), role: 'value', text: formatFigure(value), value, address });
      });
      row++;
    }
  }
  const labelWidth = 2645;
  const dataWidth = (TEXT_WIDTH_TWIPS - labelWidth) / dataColumns;
  return {
    id: 'table2',
    heading: SECTION_HEADINGS.proactive,
    columnCount: dataColumns + 1,
    columnWidths: [labelWidth, ...distribute(TEXT_WIDTH_TWIPS - labelWidth, dataColumns, dataWidth)],
    headerRowCount: 0,
    labelColumnCount: 1,
    rows: grid.build(),
  };
}

/** Splits `total` twips into `count` whole widths of about `each` that add up to `total`. */
function distribute(total: number, count: number, each: number): number[] {
  const widths = Array.from({ length: count }, () => Math.floor(each));
  widths[count - 1] = total - widths.slice(0, -1).reduce((a, b) => a + b, 0);
  return widths;
}

/** The group headings above a row of table 三, outermost first (三、本年度办理结果, （三）不予公开 …). */
function ancestors(row: FormatRow, byId: ReadonlyMap<string, FormatRow>): FormatRow[] {
  const chain: FormatRow[] = [];
  for (let p = row.parent ? byId.get(row.parent) : undefined; p; p = p.parent ? byId.get(p.parent) : undefined) chain.unshift(p);
  return chain;
}

/**
 * Table 三: the corner note (3 label columns × 3 header rows), 申请人情况 over the columns, then one row per
 * row with figures. A group heading (三、本年度办理结果, （三）不予公开 …) is a cell in the label column of its
 * level, spanning down over all its rows; a row's own label spans the label columns right of its level.
 */
export function layoutTable3(doc: AnnualReportDocument): GridTable {
  const figure = figureLookup(doc);
  const byId = new Map(TABLE3_ROWS.map((r) => [r.id, r]));
  const labelColumns = Math.max(...TABLE3_ROWS.map((r) => r.level)) + 1;
  const grid = new GridBuilder();
  const paths = TABLE3_COLUMNS.map((c) => columnPath(c, [TABLE3_COLUMNS_HEADER]));
  const headerRows = Math.max(...paths.map((p) => p.length));
  grid.add({ row: 0, col: 0, rowSpan: headerRows, colSpan: labelColumns, role: 'corner', text: TABLE3_CORNER_TEXT });
  addColumnHeaders(grid, paths, labelColumns, 0);

  const dataRows = TABLE3_ROWS.filter((r) => !r.isGroupHeader);
  const under = (group: FormatRow) => dataRows.filter((r) => ancestors(r, byId).some((a) => a.id === group.id)).length;
  const opened = new Set<string>();
  dataRows.forEach((r, i) => {
    const row = headerRows + i;
    for (const group of ancestors(r, byId)) {
      if (opened.has(group.id)) continue;
      opened.add(group.id);
      grid.add({ row, col: group.level, rowSpan: under(group), role: 'rowLabel', text: group.label });
    }
    grid.add({ row, col: r.level, colSpan: labelColumns - r.level, role: 'rowLabel', text: r.label, alignLeft: true });
    TABLE3_COLUMNS.forEach((column, j) => {
      const address: CellAddress = { table: 'table3', row: r.id, column: column.id };
      const value = figure(address);
      grid.add({ row, col: labelColumns + j, role: 'value', text: formatFigure(value), value, address });
    });
  });

  const dataWidth = 640;
  const labelWidths = labelColumns === 3 ? [800, 1100] : Array.from({ length: labelColumns - 1 }, () => 1000);
  const used = labelWidths.reduce((a, b) => a + b, 0) + dataWidth * TABLE3_COLUMNS.length;
  return {
    id: 'table3',
    heading: SECTION_HEADINGS.requests,
    columnCount: labelColumns + TABLE3_COLUMNS.length,
    columnWidths: [...labelWidths, TEXT_WIDTH_TWIPS - used, ...TABLE3_COLUMNS.map(() => dataWidth)],
    headerRowCount: headerRows,
    labelColumnCount: labelColumns,
    rows: grid.build(),
  };
}

/** Table 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉) over their columns, then one row of 15 figures. */
export function layoutTable4(doc: AnnualReportDocument): GridTable {
  const figure = figureLookup(doc);
  const grid = new GridBuilder();
  const headerRows = addColumnHeaders(
    grid,
    TABLE4_COLUMNS.map((c) => columnPath(c)),
    0,
    0,
  );
  TABLE4_COLUMNS.forEach((column, j) => {
    const address: CellAddress = { table: 'table4', row: TABLE4_ROW, column: column.id };
    const value = figure(address);
    grid.add({ row: headerRows, col: j, role: 'value', text: formatFigure(value), value, address });
  });
  const n = TABLE4_COLUMNS.length;
  return {
    id: 'table4',
    heading: SECTION_HEADINGS.appeals,
    columnCount: n,
    columnWidths: distribute(TEXT_WIDTH_TWIPS, n, TEXT_WIDTH_TWIPS / n),
    headerRowCount: headerRows,
    labelColumnCount: 0,
    rows: grid.build(),
  };
}
