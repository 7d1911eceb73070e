/**
 * A unit's 自查报告 as a Word document, laid out as the self-inspection reports units hand in (seed 000) and with the
 * page and fonts of the annual report's export (GB/T 9704): the unit's name and the title in 方正小标宋简体 二号
 * (宋体 where it is not installed), the opening, the groups (一、主动公开 …) with headings in 黑体 三号, each item
 * ("1、机构信息：<requirement>") followed by its "自查情况：…", the 加分项 as the last group, then "附件为佐证材料。"
 * and the list of evidence by item number, each link's title a hyperlink with its address printed under it, and
 * finally the total and the unit's name and date. Body text in 仿宋_GB2312 三号 at a fixed pitch of 28.95 pt.
 */
import { AlignmentType, ExternalHyperlink, LineRuleType, Paragraph, TextRun, type IParagraphStyleOptions } from 'docx';
import { FONTS, officialDocx } from '../../annual-report/export/docx.js';
import { chineseDate, textLines } from '../../annual-report/export/layout.js';
import type { EvidenceLink, SelfInspectionReport } from '../self-inspection-report.js';

/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28 } as const;
/** The fixed line pitch of the body, 28.95 pt (22 lines to the page), in twips. */
const BODY_LINE = 579;
/** One character of 三号 in twips. */
const CHAR = 320;

const STYLE = {
  title: 'SelfInspectionTitle',
  heading: 'SelfInspectionHeading',
  body: 'SelfInspectionBody',
  evidence: 'SelfInspectionEvidence',
  address: 'SelfInspectionAddress',
  signature: 'SelfInspectionSignature',
} as const;

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: STYLE.body,
    name: '自查报告正文',
    quickFormat: true,
    run: { font: font(FONTS.body), size: SIZE.sanhao },
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLineChars: 200, firstLine: 2 * CHAR },
      spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    },
  },
  {
    id: STYLE.title,
    name: '自查报告标题',
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    // Bold so that the fallback 宋体 reads as a title face.
    run: { font: font(FONTS.title), size: SIZE.erhao, bold: true },
    paragraph: {
      alignment: AlignmentType.CENTER,
      indent: { firstLineChars: 0, firstLine: 0 },
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 0 },
      keepNext: true,
    },
  },
  {
    id: STYLE.heading,
    name: '自查报告一级标题',
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    run: { font: font(FONTS.heading), size: SIZE.sanhao },
    paragraph: { keepNext: true, outlineLevel: 0 },
  },
  {
    id: STYLE.evidence,
    name: '自查报告佐证材料',
    basedOn: STYLE.body,
    paragraph: { alignment: AlignmentType.LEFT, indent: { firstLineChars: 0, firstLine: 0, left: 4 * CHAR }, keepNext: true },
  },
  {
    id: STYLE.address,
    name: '自查报告佐证地址',
    basedOn: STYLE.evidence,
    run: { size: SIZE.sihao },
    paragraph: { keepNext: false },
  },
  {
    id: STYLE.signature,
    name: '自查报告落款',
    basedOn: STYLE.body,
    paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLineChars: 0, firstLine: 0, right: 4 * CHAR } },
  },
];

/** Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF): they would corrupt the file. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const clean = (text: string) => text.replace(NOT_XML, '');

/** A field meant for one line: line breaks become spaces. */
const oneLine = (text: string) =>
  clean(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();

/** The lines of a text field, blank ones dropped. */
const lines = (text: string) => textLines(clean(text));

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (group numbers). */
function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 1 ? '十' : `${digits[tens]}十`;
  return (tens === 0 ? '' : tensPart) + (ones === 0 ? '' : digits[ones]);
}

/** Points as printed: at most two decimals, no trailing zeros (95, 95.5). */
const points = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0');

/** Only web addresses become hyperlinks; anything else is printed as text. */
const LINKABLE = /^https?:\/\/\S+$/i;

const body = (children: (TextRun | ExternalHyperlink)[], keepNext = false) => new Paragraph({ style: STYLE.body, ...(keepNext ? { keepNext } : {}), children });

/**
 * A labelled text: "<label><first line>" then its further lines as paragraphs of their own. The label stays on its
 * own line with nothing after it when the text is empty.
 */
function labelled(label: string, text: string, keepNext = false): Paragraph[] {
  const [first = '', ...rest] = lines(text);
  return [body([new TextRun(label + first)], keepNext && rest.length === 0), ...rest.map((line) => body([new TextRun(line)]))];
}

/** "16、政府信息公开平台发布数量" (the code left out when the item has none). */
const itemLabel = (code: string, title: string) => (oneLine(code) ? `${oneLine(code)}、${oneLine(title)}` : oneLine(title));

/** One piece of evidence: its title (a hyperlink when the address is a web address) and, under it, the address. */
function evidenceParagraphs(link: EvidenceLink): Paragraph[] {
  const url = oneLine(link.url);
  const title = oneLine(link.title) || url;
  if (!title) return [];
  const shown = new TextRun({ text: title, style: LINKABLE.test(url) ? 'Hyperlink' : undefined });
  const paragraphs = [
    new Paragraph({ style: STYLE.evidence, children: [LINKABLE.test(url) ? new ExternalHyperlink({ link: url, children: [shown] }) : shown] }),
  ];
  if (url && url !== title) paragraphs.push(new Paragraph({ style: STYLE.address, children: [new TextRun(url)] }));
  return paragraphs;
}

/** The default title when the report has none. */
const defaultTitle = (report: SelfInspectionReport) => `关于${oneLine(report.periodLabel)}政务公开工作自查情况的报告`;

function reportParagraphs(report: SelfInspectionReport): Paragraph[] {
  const unitName = oneLine(report.unitName);
  const title = oneLine(report.title) || defaultTitle(report);
  const children: Paragraph[] = [];

  if (unitName) children.push(new Paragraph({ style: STYLE.title, children: [new TextRun(unitName)] }));
  children.push(new Paragraph({ style: STYLE.title, spacing: { after: BODY_LINE }, children: [new TextRun(title)] }));
  children.push(...lines(report.opening).map((line) => body([new TextRun(line)])));

  const groups = report.groups.filter((group) => group.items.length > 0 || oneLine(group.title));
  groups.forEach((group, g) => {
    children.push(new Paragraph({ style: STYLE.heading, children: [new TextRun(`${chineseNumeral(g + 1)}、${oneLine(group.title)}`)] }));
    for (const item of group.items) {
      const requirement = lines(item.requirement);
      const label = itemLabel(item.code, item.title);
      children.push(...labelled(requirement.length > 0 ? `${label}：` : label, item.requirement, true));
      children.push(...labelled('自查情况：', item.finding));
    }
  });

  const bonus = report.bonus;
  if (bonus) {
    children.push(
      new Paragraph({
        style: STYLE.heading,
        keepNext: true,
        children: [new TextRun(`${chineseNumeral(groups.length + 1)}、加分项：`), new TextRun({ text: oneLine(bonus.title), font: font(FONTS.body) })],
      }),
    );
    children.push(...labelled('自查情况：', bonus.finding));
  }

  // The evidence by item, in the order of the items; the bonus last.
  const evidence = [
    ...report.groups.flatMap((group) => group.items.map((item) => ({ label: itemLabel(item.code, item.title), links: item.evidence }))),
    ...(bonus ? [{ label: `加分项：${oneLine(bonus.title)}`, links: bonus.evidence }] : []),
  ]
    .map(({ label, links }) => ({ label, paragraphs: links.flatMap(evidenceParagraphs) }))
    .filter(({ paragraphs }) => paragraphs.length > 0);
  if (evidence.length > 0) {
    children.push(body([]), body([new TextRun('附件为佐证材料。')]), body([]), body([new TextRun('附件：')], true));
    for (const { label, paragraphs } of evidence) children.push(body([new TextRun(label)], true), ...paragraphs);
  }

  children.push(body([]), body([new TextRun(`自评得分：${points(report.total)}分（满分${points(report.maxTotal)}分）`)]), body([]));
  const signature = [unitName, report.date.trim() ? chineseDate(report.date) : ''].filter(Boolean);
  children.push(
    ...signature.map(
      (line, i) => new Paragraph({ style: STYLE.signature, ...(i < signature.length - 1 ? { keepNext: true } : {}), children: [new TextRun(line)] }),
    ),
  );
  return children;
}

/** The .docx of a self-inspection report. */
export async function selfInspectionDocx(report: SelfInspectionReport): Promise<Buffer> {
  return officialDocx({
    title: oneLine(report.title) || defaultTitle(report),
    creator: oneLine(report.unitName) || oneLine(report.organizationName),
    paragraphStyles: PARAGRAPH_STYLES,
    children: reportParagraphs(report),
  });
}

/** Characters Windows and browsers do not take in a file name. */
// eslint-disable-next-line no-control-regex
const NOT_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001F\u007F]/g;

/** e.g. 局办公室-2026年下半年政务公开自查报告.docx */
export function selfInspectionFileName(report: Pick<SelfInspectionReport, 'unitName' | 'periodLabel'>): string {
  const part = (text: string) => oneLine(text).replace(NOT_IN_FILE_NAME, '').trim();
  const unit = part(report.unitName);
  return `${unit ? `${unit}-` : ''}${part(report.periodLabel)}政务公开自查报告.docx`;
}
