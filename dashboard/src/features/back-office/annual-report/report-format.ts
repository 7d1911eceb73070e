/**
 * The national annual-report format (国办公开办函〔2021〕30号) as the dashboard draws it: the rows and columns of
 * tables 二, 三 and 四 with the ids of seeds/reference/annual-report-spec.json.
 *
 * A copy of the lists in server/src/modules/annual-report/format.ts (the dashboard imports nothing from server/);
 * report-format.test.ts compares them with the spec so that the two cannot drift apart.
 */

export type ReportTableId = 'table2' | 'table3' | 'table4';

export interface CellAddress {
  readonly table: string;
  readonly row: string;
  readonly column: string;
}

export interface FormatRow {
  readonly id: string;
  readonly label: string;
  /** 0 top level, 1 （一）…, 2 1.… */
  readonly level: number;
  readonly parent?: string;
  /** A heading with no figures of its own (三、本年度办理结果, （三）不予公开 …). */
  readonly isGroupHeader?: boolean;
  readonly isTotal?: boolean;
}

export interface FormatColumn {
  readonly id: string;
  readonly label: string;
  /** The headers above the column, outermost first, separated by “/” (行政诉讼/未经复议直接起诉). */
  readonly group?: string;
  readonly decimal?: boolean;
}

export interface Table2Block {
  readonly id: string;
  readonly label: string;
  readonly columns: readonly FormatColumn[];
  readonly rows: readonly { readonly id: string; readonly label: string }[];
}

export const TABLE_TITLES: Readonly<Record<ReportTableId, string>> = {
  table2: '二、主动公开政府信息情况',
  table3: '三、收到和处理政府信息公开申请情况',
  table4: '四、政府信息公开行政复议、行政诉讼情况',
};
export const SECTION_HEADINGS = {
  overview: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
} as const;
export const TABLE2_LABEL_HEADER = '信息内容';
export const TABLE3_CORNER_TEXT = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const TABLE3_COLUMNS_HEADER = '申请人情况';

export const TABLE2_BLOCKS: readonly Table2Block[] = [
  {
    id: 'art20_1',
    label: '第二十条第（一）项',
    columns: [
      { id: 'madeThisYear', label: '本年制发件数' },
      { id: 'repealedThisYear', label: '本年废止件数' },
      { id: 'currentlyValid', label: '现行有效件数' },
    ],
    rows: [
      { id: 'regulations', label: '规章' },
      { id: 'normativeDocuments', label: '行政规范性文件' },
    ],
  },
  {
    id: 'art20_5',
    label: '第二十条第（五）项',
    columns: [{ id: 'decisionsThisYear', label: '本年处理决定数量' }],
    rows: [{ id: 'administrativeLicensing', label: '行政许可' }],
  },
  {
    id: 'art20_6',
    label: '第二十条第（六）项',
    columns: [{ id: 'decisionsThisYear', label: '本年处理决定数量' }],
    rows: [
      { id: 'administrativePenalty', label: '行政处罚' },
      { id: 'administrativeCoercion', label: '行政强制' },
    ],
  },
  {
    id: 'art20_8',
    label: '第二十条第（八）项',
    columns: [{ id: 'feeAmount', label: '本年收费金额（单位：万元）', decimal: true }],
    rows: [{ id: 'administrativeFees', label: '行政事业性收费' }],
  },
];

const LEGAL = '法人或其他组织';
export const TABLE3_COLUMNS: readonly FormatColumn[] = [
  { id: 'naturalPerson', label: '自然人' },
  { id: 'commercialEnterprise', label: '商业企业', group: LEGAL },
  { id: 'researchInstitution', label: '科研机构', group: LEGAL },
  { id: 'publicWelfareOrg', label: '社会公益组织', group: LEGAL },
  { id: 'legalServiceOrg', label: '法律服务机构', group: LEGAL },
  { id: 'otherOrg', label: '其他', group: LEGAL },
  { id: 'total', label: '总计' },
];

const row = (id: string, label: string, level: number, parent?: string, extra: Partial<FormatRow> = {}): FormatRow => ({
  id,
  label,
  level,
  ...(parent ? { parent } : {}),
  ...extra,
});
const GROUP = { isGroupHeader: true } as const;

export const TABLE3_ROWS: readonly FormatRow[] = [
  row('newReceived', '一、本年新收政府信息公开申请数量', 0),
  row('carriedOver', '二、上年结转政府信息公开申请数量', 0),
  row('results', '三、本年度办理结果', 0, undefined, GROUP),
  row('granted', '（一）予以公开', 1, 'results'),
  row('partiallyGranted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 1, 'results'),
  row('denied', '（三）不予公开', 1, 'results', GROUP),
  row('denied_stateSecret', '1.属于国家秘密', 2, 'denied'),
  row('denied_lawForbidden', '2.其他法律行政法规禁止公开', 2, 'denied'),
  row('denied_threeSecurityOneStability', '3.危及“三安全一稳定”', 2, 'denied'),
  row('denied_thirdPartyRights', '4.保护第三方合法权益', 2, 'denied'),
  row('denied_internalAffairs', '5.属于三类内部事务信息', 2, 'denied'),
  row('denied_processInfo', '6.属于四类过程性信息', 2, 'denied'),
  row('denied_enforcementFile', '7.属于行政执法案卷', 2, 'denied'),
  row('denied_adminQuery', '8.属于行政查询事项', 2, 'denied'),
  row('unable', '（四）无法提供', 1, 'results', GROUP),
  row('unable_notHeld', '1.本机关不掌握相关政府信息', 2, 'unable'),
  row('unable_needsCreation', '2.没有现成信息需要另行制作', 2, 'unable'),
  row('unable_stillUnclear', '3.补正后申请内容仍不明确', 2, 'unable'),
  row('notProcessed', '（五）不予处理', 1, 'results', GROUP),
  row('notProcessed_complaint', '1.信访举报投诉类申请', 2, 'notProcessed'),
  row('notProcessed_repeat', '2.重复申请', 2, 'notProcessed'),
  row('notProcessed_publication', '3.要求提供公开出版物', 2, 'notProcessed'),
  row('notProcessed_massive', '4.无正当理由大量反复申请', 2, 'notProcessed'),
  row('notProcessed_confirmReissue', '5.要求行政机关确认或重新出具已获取信息', 2, 'notProcessed'),
  row('otherHandling', '（六）其他处理', 1, 'results', GROUP),
  row('other_noCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 2, 'otherHandling'),
  row('other_feeUnpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 2, 'otherHandling'),
  row('other_other', '3.其他', 2, 'otherHandling'),
  row('resultsTotal', '（七）总计', 1, 'results', { isTotal: true }),
  row('carriedForward', '四、结转下年度继续办理', 0),
];

/** The 25 rows of table 三 that hold figures. */
export const TABLE3_DATA_ROWS: readonly string[] = TABLE3_ROWS.filter((r) => !r.isGroupHeader).map((r) => r.id);

const outcomes = (prefix: string, group: string): FormatColumn[] =>
  [
    ['maintained', '结果维持'],
    ['corrected', '结果纠正'],
    ['other', '其他结果'],
    ['pending', '尚未审结'],
    ['total', '总计'],
  ].map(([id, label]) => ({ id: `${prefix}_${id}`, label: label!, group }));

export const TABLE4_COLUMNS: readonly FormatColumn[] = [
  ...outcomes('review', '行政复议'),
  ...outcomes('litDirect', '行政诉讼/未经复议直接起诉'),
  ...outcomes('litAfterReview', '行政诉讼/复议后起诉'),
];
export const TABLE4_ROW = 'count';

export const cellKey = (table: string, row: string, column: string): string => `${table}.${row}.${column}`;

/** A cell's words for a clerk: 表三“一、本年新收…”行“自然人”列 (as the server's describeCell). */
export function describeCell(cell: CellAddress): string {
  if (cell.table === 'table2') {
    const block = TABLE2_BLOCKS.find((b) => b.rows.some((r) => r.id === cell.row));
    const r = block?.rows.find((x) => x.id === cell.row);
    const column = block?.columns.find((c) => c.id === cell.column);
    return `表二“${r?.label ?? cell.row}”${column ? `“${column.label}”` : ''}`;
  }
  if (cell.table === 'table3') {
    const r = TABLE3_ROWS.find((x) => x.id === cell.row);
    const column = TABLE3_COLUMNS.find((c) => c.id === cell.column);
    return `表三“${r?.label ?? cell.row}”行“${column?.label ?? cell.column}”列`;
  }
  const column = TABLE4_COLUMNS.find((c) => c.id === cell.column);
  return `表四“${column?.group?.replace('/', '·') ?? ''}·${column?.label ?? cell.column}”`;
}

/** Whether the cell holds an amount (万元, up to 4 decimals) rather than a count. */
export function isDecimalCell(cell: CellAddress): boolean {
  return (
    cell.table === 'table2' && TABLE2_BLOCKS.some((b) => b.rows.some((r) => r.id === cell.row) && b.columns.some((c) => c.id === cell.column && c.decimal))
  );
}

/** Figures as printed: integers as they are, amounts with at most 4 decimals and no trailing zeros. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return '0';
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

// ---- the tables laid out on a grid (merged header cells), as the exports print them

export interface GridCell {
  readonly key: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly role: 'corner' | 'header' | 'block' | 'rowLabel' | 'value';
  readonly text: string;
  readonly address?: CellAddress;
  readonly alignLeft?: boolean;
}

export interface GridTable {
  readonly id: ReportTableId;
  readonly title: string;
  readonly headerRowCount: number;
  readonly rows: readonly (readonly GridCell[])[];
}

/** Header rows over columns given by their header paths (outermost first): neighbours under one header share a cell. */
function columnHeaders(paths: readonly (readonly string[])[], firstCol: number): { rows: GridCell[][]; depth: number } {
  const depth = Math.max(...paths.map((p) => p.length));
  const rows: GridCell[][] = Array.from({ length: depth }, () => []);
  for (let r = 0; r < depth; r++) {
    let c = 0;
    while (c < paths.length) {
      const path = paths[c]!;
      if (path.length <= r) {
        c++;
        continue;
      }
      if (path.length === r + 1) {
        rows[r]!.push({ key: `h${r}.${firstCol + c}`, rowSpan: depth - r, colSpan: 1, role: 'header', text: path[r]! });
        c++;
        continue;
      }
      const prefix = path.slice(0, r + 1).join('\u0000');
      let end = c + 1;
      while (end < paths.length && paths[end]!.length > r + 1 && paths[end]!.slice(0, r + 1).join('\u0000') === prefix) end++;
      rows[r]!.push({ key: `h${r}.${firstCol + c}`, rowSpan: 1, colSpan: end - c, role: 'header', text: path[r]! });
      c = end;
    }
  }
  return { rows, depth };
}

const columnPath = (column: FormatColumn, outer: readonly string[] = []): string[] => [
  ...outer,
  ...(column.group ? column.group.split('/') : []),
  column.label,
];

const valueCell = (table: ReportTableId, rowId: string, columnId: string, colSpan = 1): GridCell => ({
  key: cellKey(table, rowId, columnId),
  rowSpan: 1,
  colSpan,
  role: 'value',
  text: '',
  address: { table, row: rowId, column: columnId },
});

/** Table 二: per block a label row across the table, a header row 信息内容 … and its rows. */
export function layoutTable2(): GridTable {
  const dataColumns = Math.max(...TABLE2_BLOCKS.map((b) => b.columns.length));
  const rows: GridCell[][] = [];
  for (const block of TABLE2_BLOCKS) {
    rows.push([{ key: block.id, rowSpan: 1, colSpan: dataColumns + 1, role: 'block', text: block.label }]);
    const span = (i: number) => (i === block.columns.length - 1 ? dataColumns - i : 1);
    rows.push([
      { key: `${block.id}.h`, rowSpan: 1, colSpan: 1, role: 'header', text: TABLE2_LABEL_HEADER },
      ...block.columns.map((c, i): GridCell => ({ key: `${block.id}.h.${c.id}`, rowSpan: 1, colSpan: span(i), role: 'header', text: c.label })),
    ]);
    for (const r of block.rows) {
      rows.push([
        { key: `${r.id}.label`, rowSpan: 1, colSpan: 1, role: 'rowLabel', text: r.label },
        ...block.columns.map((c, i) => valueCell('table2', r.id, c.id, span(i))),
      ]);
    }
  }
  return { id: 'table2', title: TABLE_TITLES.table2, headerRowCount: 0, rows };
}

/** Table 三: the corner note over three label columns, 申请人情况 over the seven columns, then the 25 rows with figures. */
export function layoutTable3(): GridTable {
  const byId = new Map(TABLE3_ROWS.map((r) => [r.id, r]));
  const ancestors = (r: FormatRow): FormatRow[] => {
    const chain: FormatRow[] = [];
    for (let p = r.parent ? byId.get(r.parent) : undefined; p; p = p.parent ? byId.get(p.parent) : undefined) chain.unshift(p);
    return chain;
  };
  const labelColumns = Math.max(...TABLE3_ROWS.map((r) => r.level)) + 1;
  const headers = columnHeaders(
    TABLE3_COLUMNS.map((c) => columnPath(c, [TABLE3_COLUMNS_HEADER])),
    labelColumns,
  );
  headers.rows[0]!.unshift({ key: 'corner', rowSpan: headers.depth, colSpan: labelColumns, role: 'corner', text: TABLE3_CORNER_TEXT });
  const dataRows = TABLE3_ROWS.filter((r) => !r.isGroupHeader);
  const under = (group: FormatRow) => dataRows.filter((r) => ancestors(r).some((a) => a.id === group.id)).length;
  const opened = new Set<string>();
  const body = dataRows.map((r) => {
    const cells: GridCell[] = [];
    for (const group of ancestors(r)) {
      if (opened.has(group.id)) continue;
      opened.add(group.id);
      cells.push({ key: `${group.id}.label`, rowSpan: under(group), colSpan: 1, role: 'rowLabel', text: group.label });
    }
    cells.push({ key: `${r.id}.label`, rowSpan: 1, colSpan: labelColumns - r.level, role: 'rowLabel', text: r.label, alignLeft: true });
    for (const c of TABLE3_COLUMNS) cells.push(valueCell('table3', r.id, c.id));
    return cells;
  });
  return { id: 'table3', title: TABLE_TITLES.table3, headerRowCount: headers.depth, rows: [...headers.rows, ...body] };
}

/** Table 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉) over their columns, then one row of 15 figures. */
export function layoutTable4(): GridTable {
  const headers = columnHeaders(
    TABLE4_COLUMNS.map((c) => columnPath(c)),
    0,
  );
  return {
    id: 'table4',
    title: TABLE_TITLES.table4,
    headerRowCount: headers.depth,
    rows: [...headers.rows, TABLE4_COLUMNS.map((c) => valueCell('table4', TABLE4_ROW, c.id))],
  };
}

export const REPORT_TABLES: readonly GridTable[] = [layoutTable2(), layoutTable3(), layoutTable4()];

/** Every figure's address, in the order of the printed format. */
export function allCells(): CellAddress[] {
  return REPORT_TABLES.flatMap((t) => t.rows.flatMap((r) => r.filter((c) => c.address).map((c) => c.address!)));
}
