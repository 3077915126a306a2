import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import { type Grid, textCell } from '../../domain/mail/cells.ts';
import { splitTextLine } from '../../domain/mail/sources/text-grid.ts';
import type { DocxRead } from '../../domain/mail/types.ts';
import { readZip } from './zip.ts';

/**
 * A Word (.docx) document's main text, in reading order: paragraphs become lines, table rows become rows of
 * cells. Enough for the Annex A form as a Word document and for an Exit Report written in Word; formatting,
 * headers, footers, comments and tracked deletions are not read. The ZIP is unpacked by the bounded reader (yauzl).
 */
export type { DocxRead };

const DOCUMENT_PART = 'word/document.xml';
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

export async function docxToGrid(data: Buffer, maxRows: number): Promise<DocxRead> {
  const zip = await readZip(data, {
    maxTotalBytes: MAX_UNPACKED_BYTES,
    maxEntries: 2_000,
    keep: (name) => name === DOCUMENT_PART,
  });
  if (!zip.ok) {
    return { ok: false, reason: zip.reason };
  }
  const xml = zip.entries.get(DOCUMENT_PART);
  if (xml === undefined) {
    return { ok: false, reason: 'it has no Word document body' };
  }
  const root = parse(xml.toString('utf8'), { lowerCaseTagName: false, comment: false });
  const grid: Grid = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    if (grid.length >= maxRows) {
      return { ok: true, grid, truncated: true };
    }
    const node = stack.pop();
    if (node === undefined || node.nodeType !== NodeType.ELEMENT_NODE) continue;
    const element = node as HTMLElement;
    const tag = element.rawTagName;
    if (tag === 'w:p') {
      for (const line of paragraphText(element).split('\n')) {
        grid.push(splitTextLine(line).map((part) => textCell(part)));
      }
      continue;
    }
    if (tag === 'w:tr') {
      const cells = children(element, 'w:tc').map((cell) =>
        textCell(
          children(cell, 'w:p')
            .map((p) => paragraphText(p))
            .join(' '),
        ),
      );
      grid.push(cells);
      continue;
    }
    for (let i = element.childNodes.length - 1; i >= 0; i--) {
      const child = element.childNodes[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return { ok: true, grid, truncated: false };
}

function children(element: HTMLElement, tag: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  // Content controls (w:sdt / w:sdtContent) wrap cells and paragraphs without changing the layout.
  const stack: Node[] = [...element.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined || node.nodeType !== NodeType.ELEMENT_NODE) continue;
    const child = node as HTMLElement;
    if (child.rawTagName === tag) {
      found.push(child);
    } else if (
      child.rawTagName === 'w:sdt' ||
      child.rawTagName === 'w:sdtContent' ||
      child.rawTagName === 'w:customXml'
    ) {
      stack.push(...[...child.childNodes].reverse());
    }
  }
  return found;
}

function paragraphText(paragraph: HTMLElement): string {
  const parts: string[] = [];
  const stack: Node[] = [paragraph];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined || node.nodeType !== NodeType.ELEMENT_NODE) continue;
    const element = node as HTMLElement;
    switch (element.rawTagName) {
      case 'w:t':
        parts.push(element.text);
        continue;
      case 'w:tab':
        parts.push('\t');
        continue;
      case 'w:br':
      case 'w:cr':
        parts.push('\n');
        continue;
      case 'w:delText':
      case 'w:instrText':
      case 'w:del':
        continue;
    }
    for (let i = element.childNodes.length - 1; i >= 0; i--) {
      const child = element.childNodes[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return parts.join('');
}
