import type { FormatReaders } from '../../domain/mail/types.ts';
import { csvToGrid } from './csv-grid.ts';
import { decodeText } from './decode-text.ts';
import { docxToGrid } from './docx-grid.ts';
import { htmlToGrid } from './html-grid.ts';
import { xlsxToGrids } from './xlsx-grid.ts';

/** The file-format readers the domain's pure readers are given. */
export const formatReaders: FormatReaders = {
  xlsx: xlsxToGrids,
  docx: docxToGrid,
  html: htmlToGrid,
  csv: csvToGrid,
  text: decodeText,
};
