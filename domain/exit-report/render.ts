import { composeDetails } from './report-text.ts';
import { type ExitReportDocument, NOT_REQUIRED_WORDING } from './types.ts';

/**
 * The Exit Report as the email to Jobcentre Plus carries it (para 54–58): the minimum sections under their
 * Annex A headings. A report that is no longer required has the para 82 wording written across it: at the top
 * and at the bottom of the text, and as a banner over the HTML.
 */
export const EXIT_REPORT_SUBJECT = 'Work Programme Exit Report';

interface RenderedSection {
  heading: string;
  body: string;
}

function sections(doc: ExitReportDocument): RenderedSection[] {
  const list: RenderedSection[] = [
    { heading: 'Participant details', body: composeDetails(doc.firstName, doc.surname, doc.nino) },
    { heading: 'Summary of actions and activities', body: doc.summary },
    {
      heading: 'Periods of work experience or employment and reasons actions were not completed',
      body: doc.workAndReasons,
    },
    { heading: 'Next steps', body: doc.nextSteps },
  ];
  if (doc.furtherInformation !== null && doc.furtherInformation.trim() !== '') {
    list.push({ heading: 'Further information', body: doc.furtherInformation });
  }
  return list;
}

export function renderExitReportText(doc: ExitReportDocument): string {
  const stamp = `*** ${NOT_REQUIRED_WORDING} ***`;
  const parts: string[] = [];
  if (doc.notRequired) parts.push(stamp, '');
  parts.push(EXIT_REPORT_SUBJECT, '');
  for (const section of sections(doc)) {
    parts.push(section.heading, section.body.trim() === '' ? '-' : section.body.trim(), '');
  }
  if (doc.notRequired) parts.push(stamp, '');
  return `${parts.join('\n').trimEnd()}\n`;
}

export function renderExitReportHtml(doc: ExitReportDocument): string {
  const stamp = doc.notRequired
    ? `<p style="border:3px solid #b00;color:#b00;font-weight:bold;font-size:1.2em;padding:8px;transform:rotate(-2deg)">${escapeHtml(NOT_REQUIRED_WORDING)}</p>`
    : '';
  const body = sections(doc)
    .map(
      (section) =>
        `<h2 style="font-size:1.1em">${escapeHtml(section.heading)}</h2>\n<p>${paragraphs(section.body.trim() === '' ? '-' : section.body)}</p>`,
    )
    .join('\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${EXIT_REPORT_SUBJECT}</title></head><body style="font-family:Arial,sans-serif">\n${stamp}\n<h1 style="font-size:1.3em">${EXIT_REPORT_SUBJECT}</h1>\n${body}\n${stamp}\n</body></html>\n`;
}

function paragraphs(text: string): string {
  return escapeHtml(text.trim())
    .replace(/\n{2,}/g, '</p>\n<p>')
    .replace(/\n/g, '<br>\n');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
