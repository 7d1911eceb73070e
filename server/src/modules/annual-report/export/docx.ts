/**
 * The annual report as a Word document laid out as Chinese official documents are (GB/T 9704): A4, margins
 * 上3.7 下3.5 左2.8 右2.6 cm, title in 方正小标宋简体 二号, headings in 黑体 三号, body in 仿宋_GB2312 三号 with a
 * fixed line pitch of 28.95 pt and a first-line indent of two characters, tables in 宋体 with borders.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IParagraphStyleOptions,
} from 'docx';
import type { AnnualReportDocument } from '../report-document.js';
import { SECTION_HEADINGS, chineseDate, layoutTable2, layoutTable3, layoutTable4, reportTitle, textLines, type GridCell, type GridTable } from './layout.js';

/** Twips in a centimetre. */
const CM = 566.93;
export const PAGE = {
  width: 11906,
  height: 16838,
  top: Math.round(3.7 * CM),
  bottom: Math.round(3.5 * CM),
  left: Math.round(2.8 * CM),
  right: Math.round(2.6 * CM),
  footer: Math.round(2.2 * CM),
} as const;

export const FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  table: '宋体',
} as const;

/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, wuhao: 21, xiaowu: 18 } as const;
/** The fixed line pitch of the body, 28.95 pt (22 lines to the page), in twips. */
const BODY_LINE = 579;

const STYLE = { title: 'ReportTitle', heading: 'ReportHeading', body: 'ReportBody', signature: 'ReportSignature', table: 'ReportTableText' } as const;

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: STYLE.body,
    name: '报告正文',
    quickFormat: true,
    run: { font: font(FONTS.body), size: SIZE.sanhao },
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLineChars: 200, firstLine: 2 * 320 },
      spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    },
  },
  {
    id: STYLE.title,
    name: '报告标题',
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    run: { font: font(FONTS.title), size: SIZE.erhao },
    paragraph: {
      alignment: AlignmentType.CENTER,
      indent: { firstLineChars: 0, firstLine: 0 },
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: BODY_LINE },
      keepNext: true,
    },
  },
  {
    id: STYLE.heading,
    name: '报告一级标题',
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    run: { font: font(FONTS.heading), size: SIZE.sanhao },
    paragraph: { keepNext: true, outlineLevel: 0 },
  },
  {
    id: STYLE.signature,
    name: '报告落款',
    basedOn: STYLE.body,
    paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLineChars: 0, firstLine: 0, right: 4 * 320 } },
  },
  {
    id: STYLE.table,
    name: '报告表格文字',
    run: { font: font(FONTS.table), size: SIZE.wuhao },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
  },
];

/**
 * The fonts the document names, with the name Word falls back to when the first is not installed
 * (方正小标宋简体 and 仿宋_GB2312 are missing on many machines; 宋体 and 仿宋 come with Windows).
 */
export function fontTableXml(): string {
  const fonts: [name: string, altName: string, family: string][] = [
    [FONTS.title, '宋体', 'script'],
    [FONTS.body, '仿宋', 'modern'],
    ['仿宋', 'FangSong', 'modern'],
    [FONTS.heading, 'SimHei', 'modern'],
    [FONTS.table, 'SimSun', 'auto'],
  ];
  const body = fonts
    .map(
      ([name, alt, family]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${body}</w:fonts>`
  );
}

/** A sub-heading line: （一）…, (二)… */
const SUBHEADING = /^[（(][一二三四五六七八九十]+[）)]/;

/** Paragraphs of a text part; a sub-heading （一）… is bold (only its heading sentence when a paragraph follows it). */
function textParagraphs(text: string): Paragraph[] {
  return textLines(text).map((line) => {
    if (!SUBHEADING.test(line)) return new Paragraph({ style: STYLE.body, children: [new TextRun(line)] });
    if (line.length <= 40) return new Paragraph({ style: STYLE.body, children: [new TextRun({ text: line, bold: true })] });
    const end = line.search(/[。；;]/);
    if (end < 0 || end >= 40) return new Paragraph({ style: STYLE.body, children: [new TextRun(line)] });
    return new Paragraph({
      style: STYLE.body,
      children: [new TextRun({ text: line.slice(0, end + 1), bold: true }), new TextRun(line.slice(end + 1))],
    });
  });
}

/** Characters of 二号 on one line of the text block. */
const TITLE_LINE_CHARS = 20;

/** The title; when it does not fit on one line it breaks after the organisation's name, as printed reports do. */
function titleParagraph(doc: AnnualReportDocument): Paragraph {
  const title = reportTitle(doc);
  const organization = doc.organizationName.trim();
  const children =
    title.length > TITLE_LINE_CHARS && organization.length > 0
      ? [new TextRun(organization), new TextRun({ text: title.slice(organization.length), break: 1 })]
      : [new TextRun(title)];
  return new Paragraph({ style: STYLE.title, children });
}

const heading = (text: string) => new Paragraph({ style: STYLE.heading, children: [new TextRun(text)] });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const CELL_MARGINS = { top: 30, bottom: 30, left: 45, right: 45 };

function cellParagraphs(cell: GridCell, size: number): Paragraph[] {
  const alignment = cell.alignLeft ? AlignmentType.LEFT : AlignmentType.CENTER;
  const bold = cell.role === 'block';
  return cell.text.split('\n').map((line) => new Paragraph({ style: STYLE.table, alignment, children: [new TextRun({ text: line, size, bold })] }));
}

function renderTable(table: GridTable, size: number): Table {
  const width = (cell: GridCell) => table.columnWidths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
  const rows = table.rows.map(
    (cells, r) =>
      new TableRow({
        cantSplit: true,
        tableHeader: r < table.headerRowCount,
        // Kept with the next row: a table that fits on a page is not split across two.
        keepNext: r < table.rows.length - 1,
        children: cells.map(
          (cell) =>
            new TableCell({
              columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
              rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
              width: { size: width(cell), type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              children: cellParagraphs(cell, size),
            }),
        ),
      }),
  );
  return new Table({
    rows,
    width: { size: table.columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...table.columnWidths],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
  });
}

/** A short empty line after a table, so the next heading does not stick to it. */
const afterTable = () => new Paragraph({ style: STYLE.body, children: [] });

export async function renderAnnualReportDocx(doc: AnnualReportDocument): Promise<Buffer> {
  const table2 = layoutTable2(doc);
  const table3 = layoutTable3(doc);
  const table4 = layoutTable4(doc);
  const signature = [doc.organizationName.trim(), ...(doc.signedOn ? [chineseDate(doc.signedOn)] : [])];
  const otherMatters = textParagraphs(doc.otherMatters);

  const children: (Paragraph | Table)[] = [
    titleParagraph(doc),
    ...textParagraphs(doc.preamble),
    heading(SECTION_HEADINGS.overview),
    ...textParagraphs(doc.overview),
    heading(table2.heading),
    ...textParagraphs(doc.proactiveText),
    renderTable(table2, SIZE.wuhao),
    afterTable(),
    heading(table3.heading),
    renderTable(table3, SIZE.xiaowu),
    afterTable(),
    heading(table4.heading),
    renderTable(table4, SIZE.xiaowu),
    afterTable(),
    heading(SECTION_HEADINGS.problems),
    ...textParagraphs(doc.problems),
    heading(SECTION_HEADINGS.otherMatters),
    ...(otherMatters.length > 0 ? otherMatters : textParagraphs('无')),
    new Paragraph({ style: STYLE.body, children: [] }),
    ...signature.map((line) => new Paragraph({ style: STYLE.signature, children: [new TextRun(line)] })),
  ];

  return officialDocx({ title: reportTitle(doc), creator: doc.organizationName.trim(), paragraphStyles: PARAGRAPH_STYLES, children });
}

/**
 * An A4 government document (公文) in Word: the page and its margins, 仿宋 三号 body in Chinese, the page number as
 * “— n —” centred in the footer, and a font table naming the fallbacks (宋体/仿宋 where 方正小标宋简体 or 仿宋_GB2312 is
 * missing). The annual report and the 自查报告 share it.
 */
export function officialDocx(options: { title: string; creator: string; paragraphStyles: IParagraphStyleOptions[]; children: FileChild[] }): Promise<Buffer> {
  const document = new Document({
    title: options.title,
    creator: options.creator,
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: SIZE.sanhao, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } },
      paragraphStyles: options.paragraphStyles,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: PAGE.footer, header: 851, gutter: 0 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.table), size: SIZE.sihao })],
              }),
            ],
          }),
        },
        children: options.children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
