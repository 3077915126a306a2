import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import { type Cell, cleanText, type Grid, textCell } from '../../domain/mail/cells.ts';
import { splitTextLine } from '../../domain/mail/sources/text-grid.ts';
import type { HtmlGrid } from '../../domain/mail/types.ts';

/**
 * An HTML mail body read in reading order, as rows of cells: each innermost table row is one row (its td/th
 * cells), every other line of text (paragraph, div, <br>) is split like a plain-text line. This reads the
 * bodies Outlook (MsoNormal paragraphs inside cells, layout tables, <o:p>), Thunderbird and Gmail produce
 * when a table is pasted. Scripts, styles and other active content are dropped, never run; scripts are counted
 * so that the caller can flag them.
 */
export type { HtmlGrid };

const DROPPED = new Set(['head', 'title', 'style', 'script', 'noscript', 'template', 'svg', 'math', 'xml']);
const ACTIVE = new Set(['script', 'iframe', 'object', 'embed', 'applet', 'frame', 'frameset']);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

type Work = { node: Node; pre: boolean } | { flush: boolean };

export function htmlToGrid(html: string, maxRows: number): HtmlGrid {
  const root = parse(html, {
    lowerCaseTagName: true,
    comment: false,
    blockTextElements: { script: true, noscript: true, style: true },
  });
  const activeContent = countActiveContent(root);
  const grid: Grid = [];
  let line = '';
  let truncated = false;

  const flush = (pre: boolean): void => {
    const text = pre ? line : line.replace(/[ \t\r\n]+/g, ' ');
    line = '';
    for (const part of text.split('\n')) {
      if (cleanText(part) !== '') {
        grid.push(splitTextLine(part).map((cell) => textCell(cell)));
      }
    }
  };

  // Iterative walk: a hostile body nested ten thousand deep must not overflow the stack.
  const stack: Work[] = [{ node: root, pre: false }];
  while (stack.length > 0) {
    if (grid.length >= maxRows) {
      truncated = true;
      break;
    }
    const work = stack.pop();
    if (work === undefined) break;
    if ('flush' in work) {
      flush(work.flush);
      continue;
    }
    const { node, pre } = work;
    if (node.nodeType === NodeType.TEXT_NODE) {
      line += node.text;
      continue;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) {
      continue;
    }
    const element = node as HTMLElement;
    const tag = element.tagName?.toLowerCase() ?? '';
    if (DROPPED.has(tag) || ACTIVE.has(tag)) {
      continue;
    }
    if (tag === 'br') {
      flush(pre);
      continue;
    }
    if (tag === 'tr' && element.querySelector('table') === null) {
      flush(pre);
      grid.push(rowCells(element));
      continue;
    }
    const isBlock = BLOCK.has(tag);
    const childPre = pre || tag === 'pre';
    if (isBlock) stack.push({ flush: childPre });
    for (let i = element.childNodes.length - 1; i >= 0; i--) {
      const child = element.childNodes[i];
      if (child !== undefined) stack.push({ node: child, pre: childPre });
    }
    if (isBlock) flush(pre);
  }
  flush(false);
  return { grid, activeContent, truncated };
}

/** The body as plain text lines (cells joined by a tab), for reading headed sections. */
export function htmlToText(html: string, maxRows: number): { text: string; activeContent: number } {
  const { grid, activeContent } = htmlToGrid(html, maxRows);
  return { text: grid.map((row) => row.map((cell) => cell.text).join('\t')).join('\n'), activeContent };
}

function rowCells(tr: HTMLElement): Cell[] {
  const cells: Cell[] = [];
  for (const child of tr.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const cellElement = child as HTMLElement;
    const tag = cellElement.tagName?.toLowerCase();
    if (tag !== 'td' && tag !== 'th') continue;
    const cell = textCell(cellText(cellElement));
    cells.push(cell);
    // A cell spanning columns keeps the following cells in their columns.
    const span = Math.min(Number.parseInt(cellElement.getAttribute('colspan') ?? '1', 10) || 1, 50);
    for (let i = 1; i < span; i++) cells.push({ text: '', formula: false });
  }
  return cells;
}

/** The text of a cell, with <br> and paragraphs inside it read as spaces. */
function cellText(cell: HTMLElement): string {
  const parts: string[] = [];
  const stack: Node[] = [cell];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.nodeType === NodeType.TEXT_NODE) {
      parts.push(node.text);
      continue;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) continue;
    const element = node as HTMLElement;
    const tag = element.tagName?.toLowerCase() ?? '';
    if (DROPPED.has(tag) || ACTIVE.has(tag)) continue;
    if (tag === 'br' || BLOCK.has(tag)) parts.push(' ');
    for (let i = element.childNodes.length - 1; i >= 0; i--) {
      const child = element.childNodes[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return parts.join('');
}

function countActiveContent(root: HTMLElement): number {
  let count = 0;
  for (const element of root.querySelectorAll('*')) {
    const tag = element.tagName?.toLowerCase() ?? '';
    if (ACTIVE.has(tag)) count++;
    const attrs = element.rawAttrs ?? '';
    if (/(?:^|\s)on[a-z]+\s*=/i.test(attrs) || /(?:href|src|action)\s*=\s*["']?\s*(?:java|vb)script:/i.test(attrs)) {
      count++;
    }
  }
  return count;
}
