/**
 * The hyperlinks of a .docx: the text a reader clicks and where it leads. A w:hyperlink in the body names its target
 * by relationship id (r:id); the target itself is in the body part's relationships (word/_rels/document.xml.rels).
 * The zip is opened with the limits of docx-read.ts. Links made with a HYPERLINK field code (rather than w:hyperlink)
 * are not read.
 */
import { DOCX_LIMITS, attribute, decodeXml, documentPartName, openZip, type DocxLimits } from '../../annual-report/export/docx-read.js';

export interface DocxHyperlink {
  /** The link's text as shown in the document. */
  readonly text: string;
  /** The external address (as stored, entities decoded), "#name" for a link to a bookmark, '' when unresolvable. */
  readonly target: string;
}

const HYPERLINK_TYPE = /\/relationships\/hyperlink$/;

/** The relationships part of a part: word/document.xml → word/_rels/document.xml.rels. */
function relationshipsPartName(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Hyperlink relationship targets by id. */
function hyperlinkTargets(relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attribute(m[1]!, 'Id');
    const target = attribute(m[1]!, 'Target');
    if (id && target !== undefined && HYPERLINK_TYPE.test(attribute(m[1]!, 'Type') ?? '')) targets.set(id, target);
  }
  return targets;
}

/** Elements whose content is skipped: alternate-content copies and deleted runs. */
const SKIPPED = new Set(['mc:Fallback', 'w:del', 'w:moveFrom']);

/** The hyperlinks of a body part's XML, in document order, with their targets resolved from `targets`. */
export function parseHyperlinks(xml: string, targets: ReadonlyMap<string, string>): DocxHyperlink[] {
  const links: DocxHyperlink[] = [];
  let open: { target: string; text: string[] } | null = null;
  let skipDepth = 0;
  const token = /<(\/?)(mc:Fallback|w:hyperlink|w:del|w:moveFrom)(\s[^>]*?)?(\/?)>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;
  for (const m of xml.matchAll(token)) {
    const name = m[2];
    if (name === undefined) {
      if (open && skipDepth === 0) open.text.push(decodeXml(m[5] ?? ''));
      continue;
    }
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    if (SKIPPED.has(name)) {
      if (!selfClosing) skipDepth = Math.max(0, skipDepth + (closing ? -1 : 1));
      continue;
    }
    if (skipDepth > 0) continue;
    // w:hyperlink
    if (closing) {
      if (open) links.push({ target: open.target, text: open.text.join('') });
      open = null;
      continue;
    }
    const attributes = m[3] ?? '';
    const id = attribute(attributes, 'r:id');
    const anchor = attribute(attributes, 'w:anchor');
    let target = '';
    if (id !== undefined) target = targets.get(id) ?? '';
    else if (anchor !== undefined) target = `#${anchor}`;
    if (selfClosing) links.push({ target, text: '' });
    else open = { target, text: [] };
  }
  return links;
}

/**
 * The hyperlinks of a .docx's body, in document order. Refuses (BadInputError, field "file") a file that is not a
 * zip, is over the limits or is corrupt; a zip without a body part, or a body without hyperlinks, gives [].
 */
export function readDocxHyperlinks(file: Buffer, limits: DocxLimits = DOCX_LIMITS): DocxHyperlink[] {
  const zip = openZip(file, limits);
  let part = documentPartName(zip);
  if (!zip.names.includes(part)) part = 'word/document.xml';
  const xml = zip.read(part)?.toString('utf8');
  if (xml === undefined) return [];
  const rels = zip.read(relationshipsPartName(part))?.toString('utf8') ?? '';
  return parseHyperlinks(xml, hyperlinkTargets(rels));
}
