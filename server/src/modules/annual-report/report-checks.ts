import { BadInputError } from '../../errors.js';
import { FindingSeverity } from './annual-report-enums.js';
import type { CellAddress, CellValue } from './format.js';
import { describeCell } from './format.js';
import { checkAnnualReportCells } from './reading/checks.js';
import { readAnnualReportText } from './reading/index.js';
import { normalizeReportText } from './reading/normalize.js';
import { TABLE_READ_RULE } from './reading/tables.js';
import { checkReportText } from './reading/text-checks.js';
import type { Finding } from './reading/types.js';

/**
 * The checks as the API and the stored report use them: the reader's rules (tables, text against
 * tables, breakdowns) plus the stored report's own (live fields, figures not entered).
 */
export interface ReportFinding {
  rule: string;
  severity: FindingSeverity;
  message: string;
  cells: CellAddress[];
}

const toReportFinding = (f: Finding): ReportFinding => ({ rule: f.rule, severity: f.severity as FindingSeverity, message: f.message, cells: [...f.cells] });

/** `checkAnnualReportText`: read a published text and check it; what could not be read is listed. */
export function readAnnualReport(text: string) {
  const reading = readAnnualReportText(text);
  return {
    year: reading.year,
    organizationName: reading.organizationName,
    cells: reading.cells.map((c) => ({ table: c.table, row: c.row, column: c.column, value: c.value })),
    findings: reading.findings.map(toReportFinding),
    unreadable: reading.findings.filter((f) => f.rule === TABLE_READ_RULE).map((f) => f.message),
  };
}

/** The checks of a stored report: its cells (all present), its rendered narrative, last year's cells. */
export function checkStoredReport(input: {
  cells: readonly CellValue[];
  previousYear: readonly CellValue[] | null;
  narrative: string;
  unknownFields: readonly string[];
  missingStatistics: readonly CellAddress[];
}): ReportFinding[] {
  const findings = checkAnnualReportCells(input.cells, { previousYear: input.previousYear ?? undefined, missingAsZero: true }).map(toReportFinding);
  findings.push(...checkReportText(input.narrative, input.cells).findings.map(toReportFinding));
  for (const name of new Set(input.unknownFields)) {
    findings.push({
      rule: 'LIVE-FIELD-UNKNOWN',
      severity: FindingSeverity.ERROR,
      message: `正文中的实时字段“{{${name}}}”不存在，请改为可用字段或者直接写数字`,
      cells: [],
    });
  }
  for (const cell of input.missingStatistics) {
    findings.push({
      rule: 'T2-NOT-ENTERED',
      severity: FindingSeverity.WARNING,
      message: `${describeCell(cell)}没有登记簿，也未录入本年度数字，暂按0填报；如有，请在“年度录入”中填写并注明来源`,
      cells: [cell],
    });
  }
  return findings;
}

const SIGNATURE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** A published report read for import: figures, narrative parts and the signature date; refuses what it cannot read, naming it. */
export function readReportForImport(text: string): {
  year: number | null;
  cells: CellValue[];
  parts: { preamble: string; overview: string; proactiveText: string; problems: string; otherMatters: string };
  signedOn: string | null;
} {
  const reading = readAnnualReportText(text);
  const unreadable = reading.findings.filter((f) => f.rule === TABLE_READ_RULE);
  if (!reading.cells.length) {
    throw new BadInputError('没有从文中读出年报表格（表二、表三、表四）：请粘贴包含表格的年报全文', 'REPORT_UNREADABLE', 'text');
  }
  if (unreadable.length) {
    throw new BadInputError(
      `有${unreadable.length}处读不出：${unreadable[0]!.message}${unreadable.length > 1 ? ' 等' : ''}；未保存任何内容`,
      'REPORT_UNREADABLE',
      'text',
      {
        problems: unreadable.map((f) => f.message),
      },
    );
  }
  const lines = normalizeReportText(text)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { year: reading.year, cells: reading.cells, ...splitParts(lines) };
}

const HEADING = /^([一二三四五六])、\s*(.*)$/;
const PART_WORDS: Record<string, RegExp> = {
  一: /总体情况|工作完成情况|基本情况|概述/,
  二: /主动公开/,
  三: /收到和处理|依申请/,
  四: /复议|诉讼/,
  五: /问题/,
  六: /其他/,
};

/** Splits a report's lines at its six headings (the first that fits each part, in order). */
function splitParts(lines: string[]) {
  const at: Record<string, number> = {};
  let from = 0;
  for (const no of ['一', '二', '三', '四', '五', '六']) {
    for (let i = from; i < lines.length; i++) {
      const m = HEADING.exec(lines[i]!);
      if (m && m[1] === no && PART_WORDS[no]!.test(m[2]!)) {
        at[no] = i;
        from = i + 1;
        break;
      }
    }
  }
  const slice = (start: number | undefined, end: number | undefined) => (start === undefined ? [] : lines.slice(start + 1, end ?? lines.length));
  const next = (no: string) =>
    ['二', '三', '四', '五', '六']
      .slice(['一', '二', '三', '四', '五'].indexOf(no))
      .map((n) => at[n])
      .find((i) => i !== undefined);
  const first = at['一'] ?? at['二'];
  const preamble = (first === undefined ? [] : lines.slice(0, first)).filter((l, i) => !(i === 0 && /年度报告|工作报告/.test(l) && l.length < 80));
  const proactive: string[] = [];
  for (const line of slice(at['二'], next('二'))) {
    if (/第二十条|\|/.test(line)) break;
    proactive.push(line);
  }
  const other = slice(at['六'], undefined);
  let signedOn: string | null = null;
  const last = other[other.length - 1];
  const date = last ? SIGNATURE_DATE.exec(last) : null;
  if (date) {
    signedOn = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
    other.pop();
    const signer = other[other.length - 1];
    if (signer && signer.length <= 40 && !/[。，；]/.test(signer)) other.pop();
  }
  return {
    parts: {
      preamble: preamble.join('\n'),
      overview: slice(at['一'], next('一')).join('\n'),
      proactiveText: proactive.join('\n'),
      problems: slice(at['五'], at['六']).join('\n'),
      otherMatters: other.join('\n'),
    },
    signedOn,
  };
}
