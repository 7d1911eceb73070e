import type { DocxContent } from './export/docx-read.js';

/**
 * A .docx as the text the report reader takes: paragraphs as lines, each table row as its cells
 * joined by " | " (cells covered by a merge left out), in document order. A published report in Word
 * then goes through the same reader and checks as one copied from a website.
 */
export function docxReportText(content: DocxContent): string {
  const lines: string[] = [];
  for (const block of content.blocks) {
    if (block.kind === 'paragraph') {
      lines.push(block.text);
      continue;
    }
    const table = content.tables[block.table];
    if (!table) continue;
    for (const row of table.rows) {
      const cells = row.map((c) => c.replace(/\s*\n\s*/g, ' ').trim()).filter((c) => c !== '');
      if (cells.length) lines.push(`${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
