/**
 * The national annual-report format (政府信息公开工作年度报告格式, 国办公开办函〔2021〕30号): the rows and columns
 * of tables 二, 三 and 四 with the ids of seeds/reference/annual-report-spec.json (kept equal by format.test.ts).
 * Pure data; everything that reads, checks, fills or exports a report walks these lists.
 */

export type ReportTableId = 'table2' | 'table3' | 'table4';

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
  /** The header above the column (法人或其他组织, 行政复议, 行政诉讼/未经复议直接起诉 …). */
  readonly group?: string;
}

export interface Table2Block {
  readonly id: string;
  /** 第二十条第（一）项 … */
  readonly label: string;
  readonly columns: readonly (FormatColumn & { readonly kind: 'integer' | 'decimal'; readonly unit?: string })[];
  readonly rows: readonly { readonly id: string; readonly label: string }[];
}

/** Table 二 (主动公开政府信息情况): four blocks of 条例第二十条. */
export const TABLE2_BLOCKS: readonly Table2Block[] = [
  {
    id: 'art20_1',
    label: '第二十条第（一）项',
    columns: [
      {
        id: 'madeThisYear',
        label: '本年制发件数',
        kind: 'integer',
      },
      {
        id: 'repealedThisYear',
        label: '本年废止件数',
        kind: 'integer',
      },
      {
        id: 'currentlyValid',
        label: '现行有效件数',
        kind: 'integer',
      },
    ],
    rows: [
      {
        id: 'regulations',
        label: '规章',
      },
      {
        id: 'normativeDocuments',
        label: '行政规范性文件',
      },
    ],
  },
  {
    id: 'art20_5',
    label: '第二十条第（五）项',
    columns: [
      {
        id: 'decisionsThisYear',
        label: '本年处理决定数量',
        kind: 'integer',
      },
    ],
    rows: [
      {
        id: 'administrativeLicensing',
        label: '行政许可',
      },
    ],
  },
  {
    id: 'art20_6',
    label: '第二十条第（六）项',
    columns: [
      {
        id: 'decisionsThisYear',
        label: '本年处理决定数量',
        kind: 'integer',
      },
    ],
    rows: [
      {
        id: 'administrativePenalty',
        label: '行政处罚',
      },
      {
        id: 'administrativeCoercion',
        label: '行政强制',
      },
    ],
  },
  {
    id: 'art20_8',
    label: '第二十条第（八）项',
    columns: [
      {
        id: 'feeAmount',
        label: '本年收费金额（单位：万元）',
        kind: 'decimal',
        unit: '万元',
      },
    ],
    rows: [
      {
        id: 'administrativeFees',
        label: '行政事业性收费',
      },
    ],
  },
];

/** Table 三 columns: 申请人情况 (自然人, 法人或其他组织 ×5, 总计). */
export const TABLE3_COLUMNS: readonly FormatColumn[] = [
  {
    id: 'naturalPerson',
    label: '自然人',
  },
  {
    id: 'commercialEnterprise',
    label: '商业企业',
    group: '法人或其他组织',
  },
  {
    id: 'researchInstitution',
    label: '科研机构',
    group: '法人或其他组织',
  },
  {
    id: 'publicWelfareOrg',
    label: '社会公益组织',
    group: '法人或其他组织',
  },
  {
    id: 'legalServiceOrg',
    label: '法律服务机构',
    group: '法人或其他组织',
  },
  {
    id: 'otherOrg',
    label: '其他',
    group: '法人或其他组织',
  },
  {
    id: 'total',
    label: '总计',
  },
];

/** Table 三 rows (收到和处理政府信息公开申请情况), headings included. */
export const TABLE3_ROWS: readonly FormatRow[] = [
  {
    id: 'newReceived',
    label: '一、本年新收政府信息公开申请数量',
    level: 0,
  },
  {
    id: 'carriedOver',
    label: '二、上年结转政府信息公开申请数量',
    level: 0,
  },
  {
    id: 'results',
    label: '三、本年度办理结果',
    level: 0,
    isGroupHeader: true,
  },
  {
    id: 'granted',
    label: '（一）予以公开',
    level: 1,
    parent: 'results',
  },
  {
    id: 'partiallyGranted',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    level: 1,
    parent: 'results',
  },
  {
    id: 'denied',
    label: '（三）不予公开',
    level: 1,
    parent: 'results',
    isGroupHeader: true,
  },
  {
    id: 'denied_stateSecret',
    label: '1.属于国家秘密',
    level: 2,
    parent: 'denied',
  },
  {
    id: 'denied_lawForbidden',
    label: '2.其他法律行政法规禁止公开',
    level: 2,
    parent: 'denied',
  },
  {
    id: 'denied_threeSecurityOneStability',
    label: '3.危及“三安全一稳定”',
    level: 2,
    parent: 'denied',
  },
  {
    id: 'denied_thirdPartyRights',
    label: '4.保护第三方合法权益',
    level: 2,
    parent: 'denied',
  },
  {
    id: 'denied_internalAffairs',
    label: '5.属于三类内部事务信息',
    level: 2,
    parent: 'denied',
  },
  {
    id: 'denied_processInfo',
    label: '6.属于四类过程性信息',
    level: 2,
    parent: 'denied',
  },
  {
    id: 'denied_enforcementFile',
    label: '7.属于行政执法案卷',
    level: 2,
    parent: 'denied',
  },
  {
    id: 'denied_adminQuery',
    label: '8.属于行政查询事项',
    level: 2,
    parent: 'denied',
  },
  {
    id: 'unable',
    label: '（四）无法提供',
    level: 1,
    parent: 'results',
    isGroupHeader: true,
  },
  {
    id: 'unable_notHeld',
    label: '1.本机关不掌握相关政府信息',
    level: 2,
    parent: 'unable',
  },
  {
    id: 'unable_needsCreation',
    label: '2.没有现成信息需要另行制作',
    level: 2,
    parent: 'unable',
  },
  {
    id: 'unable_stillUnclear',
    label: '3.补正后申请内容仍不明确',
    level: 2,
    parent: 'unable',
  },
  {
    id: 'notProcessed',
    label: '（五）不予处理',
    level: 1,
    parent: 'results',
    isGroupHeader: true,
  },
  {
    id: 'notProcessed_complaint',
    label: '1.信访举报投诉类申请',
    level: 2,
    parent: 'notProcessed',
  },
  {
    id: 'notProcessed_repeat',
    label: '2.重复申请',
    level: 2,
    parent: 'notProcessed',
  },
  {
    id: 'notProcessed_publication',
    label: '3.要求提供公开出版物',
    level: 2,
    parent: 'notProcessed',
  },
  {
    id: 'notProcessed_massive',
    label: '4.无正当理由大量反复申请',
    level: 2,
    parent: 'notProcessed',
  },
  {
    id: 'notProcessed_confirmReissue',
    label: '5.要求行政机关确认或重新出具已获取信息',
    level: 2,
    parent: 'notProcessed',
  },
  {
    id: 'otherHandling',
    label: '（六）其他处理',
    level: 1,
    parent: 'results',
    isGroupHeader: true,
  },
  {
    id: 'other_noCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    level: 2,
    parent: 'otherHandling',
  },
  {
    id: 'other_feeUnpaid',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    level: 2,
    parent: 'otherHandling',
  },
  {
    id: 'other_other',
    label: '3.其他',
    level: 2,
    parent: 'otherHandling',
  },
  {
    id: 'resultsTotal',
    label: '（七）总计',
    level: 1,
    parent: 'results',
    isTotal: true,
  },
  {
    id: 'carriedForward',
    label: '四、结转下年度继续办理',
    level: 0,
  },
];

/** The 25 rows of table 三 that hold figures. */
export const TABLE3_DATA_ROWS: readonly string[] = [
  'newReceived',
  'carriedOver',
  'granted',
  'partiallyGranted',
  'denied_stateSecret',
  'denied_lawForbidden',
  'denied_threeSecurityOneStability',
  'denied_thirdPartyRights',
  'denied_internalAffairs',
  'denied_processInfo',
  'denied_enforcementFile',
  'denied_adminQuery',
  'unable_notHeld',
  'unable_needsCreation',
  'unable_stillUnclear',
  'notProcessed_complaint',
  'notProcessed_repeat',
  'notProcessed_publication',
  'notProcessed_massive',
  'notProcessed_confirmReissue',
  'other_noCorrection',
  'other_feeUnpaid',
  'other_other',
  'resultsTotal',
  'carriedForward',
];

/** Table 四 (行政复议、行政诉讼情况): one row of 15 columns in three groups. */
export const TABLE4_COLUMNS: readonly FormatColumn[] = [
  {
    id: 'review_maintained',
    label: '结果维持',
    group: '行政复议',
  },
  {
    id: 'review_corrected',
    label: '结果纠正',
    group: '行政复议',
  },
  {
    id: 'review_other',
    label: '其他结果',
    group: '行政复议',
  },
  {
    id: 'review_pending',
    label: '尚未审结',
    group: '行政复议',
  },
  {
    id: 'review_total',
    label: '总计',
    group: '行政复议',
  },
  {
    id: 'litDirect_maintained',
    label: '结果维持',
    group: '行政诉讼/未经复议直接起诉',
  },
  {
    id: 'litDirect_corrected',
    label: '结果纠正',
    group: '行政诉讼/未经复议直接起诉',
  },
  {
    id: 'litDirect_other',
    label: '其他结果',
    group: '行政诉讼/未经复议直接起诉',
  },
  {
    id: 'litDirect_pending',
    label: '尚未审结',
    group: '行政诉讼/未经复议直接起诉',
  },
  {
    id: 'litDirect_total',
    label: '总计',
    group: '行政诉讼/未经复议直接起诉',
  },
  {
    id: 'litAfterReview_maintained',
    label: '结果维持',
    group: '行政诉讼/复议后起诉',
  },
  {
    id: 'litAfterReview_corrected',
    label: '结果纠正',
    group: '行政诉讼/复议后起诉',
  },
  {
    id: 'litAfterReview_other',
    label: '其他结果',
    group: '行政诉讼/复议后起诉',
  },
  {
    id: 'litAfterReview_pending',
    label: '尚未审结',
    group: '行政诉讼/复议后起诉',
  },
  {
    id: 'litAfterReview_total',
    label: '总计',
    group: '行政诉讼/复议后起诉',
  },
];

export const TABLE4_ROW = 'count';
export const TABLE4_GROUPS = ['review', 'litDirect', 'litAfterReview'] as const;
export type Table4Group = (typeof TABLE4_GROUPS)[number];
export const TABLE4_OUTCOMES = ['maintained', 'corrected', 'other', 'pending'] as const;
export type Table4Outcome = (typeof TABLE4_OUTCOMES)[number];

/** The leaf rows of table 三 that add up to （七）总计. */
export const TABLE3_RESULT_LEAVES: readonly string[] = TABLE3_DATA_ROWS.filter((id) => {
  const row = TABLE3_ROWS.find((r) => r.id === id);
  return row?.parent !== undefined && !row.isTotal && !row.isGroupHeader;
});
export const TABLE3_APPLICANT_COLUMNS: readonly string[] = TABLE3_COLUMNS.filter((c) => c.id !== 'total').map((c) => c.id);

/** One figure of the report, addressed as the annual-report spec does. */
export interface CellAddress {
  readonly table: ReportTableId;
  readonly row: string;
  readonly column: string;
}
export interface CellValue extends CellAddress {
  readonly value: number;
}

export const cellKey = (table: ReportTableId, row: string, column: string): string => `${table}.${row}.${column}`;

/** Every cell of the three tables in the order of the printed format. */
export function allCells(): CellAddress[] {
  const cells: CellAddress[] = [];
  for (const block of TABLE2_BLOCKS)
    for (const row of block.rows) for (const column of block.columns) cells.push({ table: 'table2', row: row.id, column: column.id });
  for (const row of TABLE3_DATA_ROWS) for (const column of TABLE3_COLUMNS) cells.push({ table: 'table3', row, column: column.id });
  for (const column of TABLE4_COLUMNS) cells.push({ table: 'table4', row: TABLE4_ROW, column: column.id });
  return cells;
}

/** A cell's words for a clerk: 表三“一、本年新收…”行“自然人”列. */
export function describeCell(cell: CellAddress): string {
  if (cell.table === 'table2') {
    const block = TABLE2_BLOCKS.find((b) => b.rows.some((r) => r.id === cell.row));
    const row = block?.rows.find((r) => r.id === cell.row);
    const column = block?.columns.find((c) => c.id === cell.column);
    return `表二“${row?.label ?? cell.row}”${column ? `“${column.label}”` : ''}`;
  }
  if (cell.table === 'table3') {
    const row = TABLE3_ROWS.find((r) => r.id === cell.row);
    const column = TABLE3_COLUMNS.find((c) => c.id === cell.column);
    return `表三“${row?.label ?? cell.row}”行“${column?.label ?? cell.column}”列`;
  }
  const column = TABLE4_COLUMNS.find((c) => c.id === cell.column);
  return `表四“${column?.group ?? ''}·${column?.label ?? cell.column}”`;
}
