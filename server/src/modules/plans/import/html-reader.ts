/**
 * HTML → blocks: a page or a fragment as copied from a government site. Tables are laid out on a full grid
 * (rowspan/colspan expanded, see grid.ts); <br>, <p> and other blocks inside a cell are line breaks; text outside
 * tables is prose, one line per block element. Scripts, styles and hidden elements are skipped. parse5 parses
 * like a browser, so broken markup reads as a browser would show it.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { layoutSpans, type SpanCell } from './grid.js';
import { IMPORT_LIMITS, TableBudget, assertTextSize, refuse, type ImportLimits } from './limits.js';
import { cleanCellText, normalizeInputText } from './text.js';
import type { PlanBlock, SourcedLine } from './types.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select',
  'button',
  'input',
  'textarea',
  'canvas',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'blockquote',
  'pre',
  'center',
  'form',
  'fieldset',
  'address',
  'figure',
  'figcaption',
  'hr',
  'tr',
  'caption',
  'body',
  'html',
]);

/** Elements nested deeper are refused (a real page is a few dozen deep; recursion must stay bounded). */
const MAX_DEPTH = 400;

function tooDeep(): never {
  return refuse(`HTML 结构嵌套过深（超过 ${MAX_DEPTH} 层），请复制网页正文部分后重试`, 'INPUT_TOO_LARGE', 'text');
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function hidden(element: Element): boolean {
  if (attr(element, 'hidden') !== undefined || attr(element, 'aria-hidden') === 'true') return true;
  const style = (attr(element, 'style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

function childrenOf(node: Node): Node[] {
  if ('content' in node && node.nodeName === 'template') return [];
  return 'childNodes' in node ? node.childNodes : [];
}

/** Text of a subtree with block elements and <br> as line breaks; nested tables' cells separated by spaces. */
function textOf(node: Node, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) tooDeep();
  if (node.nodeName === '#text') {
    out.push((node as DefaultTreeAdapterTypes.TextNode).value.replace(/[ \t\n\r\f]+/g, ' '));
    return;
  }
  if (!isElement(node)) return;
  if (SKIPPED.has(node.tagName) || hidden(node)) return;
  if (node.tagName === 'br') {
    out.push('\n');
    return;
  }
  const block = BLOCKS.has(node.tagName) || node.tagName === 'table';
  if (block) out.push('\n');
  for (const child of childrenOf(node)) {
    textOf(child, out, depth + 1);
    if (isElement(child) && (child.tagName === 'td' || child.tagName === 'th')) out.push(' ');
  }
  if (block) out.push('\n');
}

function cellText(element: Element, depth: number): string {
  const out: string[] = [];
  for (const child of childrenOf(element)) textOf(child, out, depth + 1);
  return cleanCellText(out.join(''));
}

function span(value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** The rows of a table element (thead, tbody, tfoot, or rows directly), not those of nested tables. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (node: Node): void => {
    for (const child of childrenOf(node)) {
      if (!isElement(child) || hidden(child)) continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') visit(child);
    }
  };
  visit(table);
  return rows;
}

/**
 * Reads an HTML page or fragment into blocks (see the module comment). Refuses (BadInputError) text over the
 * size limit and tables over the row, column and cell limits.
 */
export function readPlanHtml(html: string, limits: ImportLimits = IMPORT_LIMITS): PlanBlock[] {
  assertTextSize(html, 'HTML 内容', limits);
  const document = parse(normalizeInputText(html));
  const budget = new TableBudget(limits);
  const blocks: PlanBlock[] = [];
  let prose: SourcedLine[] = [];
  let paragraph = 0;
  let line: string[] = [];
  let tables = 0;

  const endLine = (): void => {
    const text = cleanCellText(line.join(''));
    line = [];
    for (const part of text.split('\n')) {
      if (!part) continue;
      paragraph++;
      prose.push({ text: part, source: `第${paragraph}段` });
    }
  };
  const flushProse = (): void => {
    endLine();
    if (prose.length > 0) blocks.push({ kind: 'prose', lines: prose });
    prose = [];
  };

  const walk = (node: Node, depth: number): void => {
    if (depth > MAX_DEPTH) tooDeep();
    if (node.nodeName === '#text') {
      line.push((node as DefaultTreeAdapterTypes.TextNode).value.replace(/[ \t\n\r\f]+/g, ' '));
      return;
    }
    if (!isElement(node)) {
      for (const child of childrenOf(node)) walk(child, depth + 1);
      return;
    }
    if (SKIPPED.has(node.tagName) || hidden(node)) return;
    if (node.tagName === 'br') {
      endLine();
      return;
    }
    if (node.tagName === 'table') {
      readTable(node, depth);
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block) endLine();
    for (const child of childrenOf(node)) walk(child, depth + 1);
    if (block) endLine();
  };

  const readTable = (table: Element, depth: number): void => {
    const trs = tableRows(table);
    const caption = childrenOf(table).find((c): c is Element => isElement(c) && c.tagName === 'caption');
    endLine();
    if (caption) {
      line.push(cellText(caption, depth));
      endLine();
    }
    if (trs.length === 0) return;
    tables++;
    const source = `表${tables}`;
    budget.table(source);
    const rows: SpanCell[][] = trs.map((tr) =>
      childrenOf(tr)
        .filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th') && !hidden(c))
        .map((td) => ({ text: cellText(td, depth + 2), rowSpan: span(attr(td, 'rowspan'), 1), colSpan: Math.max(1, span(attr(td, 'colspan'), 1)) })),
    );
    flushProse();
    blocks.push({ kind: 'table', rows: layoutSpans(rows, source, budget, limits.maxColumns), source, grid: 'exact' });
  };

  walk(document, 0);
  flushProse();
  if (blocks.length === 0) refuse('HTML 中没有文字内容：请复制含工作要点或任务清单的网页内容', 'EMPTY_INPUT');
  return blocks;
}
