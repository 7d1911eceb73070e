/**
 * Blocks → points: prose through the 工作要点 / 自查 / labelled-list readings, tables through the table reader;
 * then sequence, fingerprints, unit names, warnings. Refuses (BadInputError NO_WORK_POINTS_FOUND) an input in
 * which nothing could be read, saying why.
 */
import { pointFingerprint, planFingerprint } from './fingerprint.js';
import { refuse } from './limits.js';
import { documentTitle, interpretProse, issuerOfTitle, yearOfTitle, type ProsePoint } from './prose.js';
import { captionLines, interpretTable, type TablePoint } from './table.js';
import { toSimplified, unique } from './text.js';
import { periodDueDates } from './time-limit.js';
import type { ImportWarning, ImportedWorkPoint, InterpretOptions, PlanBlock, PlanImportResult, PlanLayout, SourcedLine } from './types.js';

type ReadPoint = (TablePoint | ProsePoint) & { policyBasis: string; citedDocuments: string[] };

function toImported(point: ReadPoint, sequence: number): ImportedWorkPoint {
  const { time, unitNames: _unitNames, ...rest } = point;
  const imported: Omit<ImportedWorkPoint, 'fingerprint'> = {
    number: rest.number,
    sequence,
    section: rest.section,
    title: rest.title,
    policyBasis: rest.policyBasis,
    citedDocuments: rest.citedDocuments,
    duties: rest.duties,
    dutyItems: rest.dutyItems,
    leads: rest.leads,
    responsible: rest.responsible,
    timeLimits: rest.timeLimits,
    selfInspection: rest.selfInspection,
    source: rest.source,
    timeLimit: time.asWritten,
    dueDate: time.dueDate,
    dueDates: time.dueDates,
    recurrence: time.recurrence,
    periodDueDates: periodDueDates(time),
    ongoing: time.ongoing,
    leaders: rest.leaders,
  };
  return { ...imported, fingerprint: pointFingerprint(imported) };
}

/**
 * The blocks as read: traditional characters as simplified ones (a document in 繁體 reads as its simplified version
 * does). Sources, merged cells and the blocks themselves (what is shown to the person) are kept as written.
 */
function simplifiedBlocks(blocks: readonly PlanBlock[]): PlanBlock[] {
  return blocks.map((block) =>
    block.kind === 'prose'
      ? { ...block, lines: block.lines.map((line) => ({ ...line, text: toSimplified(line.text) })) }
      : { ...block, rows: block.rows.map((row) => ({ ...row, cells: row.cells.map(toSimplified) })) },
  );
}

/**
 * Interprets the blocks of one input (see index.ts). With `format` WORK_PLAN or SELF_INSPECTION only prose is
 * read, with that parser; with TABLE only tables; without, both (tables by their headers, prose by whichever
 * reading finds points).
 */
export function interpretPlanBlocks(written: readonly PlanBlock[], options: InterpretOptions = {}): PlanImportResult {
  const blocks = simplifiedBlocks(written);
  const warnings: ImportWarning[] = [];
  const proseLines: SourcedLine[] = blocks.flatMap((b) => (b.kind === 'prose' ? b.lines : []));
  const tables = blocks.filter((b): b is Extract<PlanBlock, { kind: 'table' }> => b.kind === 'table');
  const titleLine = documentTitle([...proseLines.slice(0, 80), ...tables.flatMap(captionLines)]);
  const readTables = options.format === undefined || options.format === 'TABLE';
  const readProse = options.format !== 'TABLE';

  const prose = readProse
    ? interpretProse(proseLines, options.format === 'TABLE' ? undefined : options.format, options.year ?? yearOfTitle(titleLine ?? '') ?? undefined)
    : null;
  // The parsers' own title when they read one (工作要点 title line, 自查 heading); otherwise the title found here.
  const parserTitle = prose && prose.points.length > 0 ? prose.document.title : '';
  const useParser = Boolean(parserTitle) && (prose?.layout === 'SELF_INSPECTION' || (prose?.layout === 'WORK_PLAN' && parserTitle.includes('工作要点')));
  const title = (useParser && parserTitle) || titleLine || parserTitle || '';
  // The year of the title, whichever reading found it: a year written outside a range ("（2021—2025年）" is a period).
  const titleYear = yearOfTitle(title);
  const year = options.year ?? titleYear;

  const tablePoints: TablePoint[] = [];
  let tablesWithHeader = 0;
  if (readTables) {
    tables.forEach((table, i) => {
      const reading = interpretTable(table, year, `t${i + 1}`);
      if (reading.headerFound) tablesWithHeader++;
      tablePoints.push(...reading.points);
      warnings.push(...reading.warnings);
    });
  }
  const prosePoints = prose?.points ?? [];
  warnings.push(...(prose?.warnings ?? []));
  for (const p of prosePoints) {
    if (p.time.warning) warnings.push({ message: `${p.source}：${p.time.warning}`, source: p.source });
  }
  if (prosePoints.length > 0 && tablePoints.length > 0) warnings.push({ message: '正文和表格中都读到了工作要点，已全部列出，请核对是否有重复', source: '' });

  const read: ReadPoint[] = [...prosePoints, ...tablePoints];
  if (read.length === 0) refuse(noPointsMessage(blocks, tables.length, tablesWithHeader, options), 'NO_WORK_POINTS_FOUND');

  const points = read.map((p, i) => toImported(p, i + 1));
  let layout: PlanLayout = prose?.layout ?? 'WORK_PLAN';
  if (tablePoints.length > 0) layout = prosePoints.length > 0 ? 'MIXED' : 'TABLE';
  return {
    title,
    issuer: issuerOfTitle(title),
    year: titleYear,
    basisDocuments: prose?.document.basisDocuments ?? [],
    points,
    layout,
    warnings,
    unitNames: unique(read.flatMap((p) => p.unitNames)),
    fingerprint: planFingerprint(points),
  };
}

/** Why nothing was found, for the person who pasted or uploaded it. */
function noPointsMessage(blocks: readonly PlanBlock[], tables: number, tablesWithHeader: number, options: InterpretOptions): string {
  const reasons: string[] = [];
  if (blocks.length === 0) return '未找到工作要点：内容为空';
  if (tables > 0 && tablesWithHeader === 0)
    reasons.push(`${tables === 1 ? '表格' : `${tables}个表格均`}未找到可识别的表头（应有“工作任务”“具体要求”“牵头单位”“责任单位”“完成时限”等列名）`);
  else if (tablesWithHeader > 0) reasons.push('表格中没有任务行');
  if (options.format === 'TABLE' && tables === 0) reasons.push('内容中没有表格');
  if (options.format !== 'TABLE' && blocks.some((b) => b.kind === 'prose'))
    reasons.push(options.format === 'SELF_INSPECTION' ? '正文中未找到带“自查情况”的编号条目' : '正文中未找到写明“牵头单位”“责任单位”（或“XX牵头”）的编号条目');
  return `未找到工作要点：${reasons.join('；') || '内容中没有可读的条目'}`;
}
