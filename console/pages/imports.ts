import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import { parseVisitsCsv } from '../../domain/compliance/visit.ts';
import { parseReferralsCsv } from '../../domain/information-session/referral.ts';
import { parseJobEntriesCsv } from '../../domain/mi-return/job-entry.ts';
import { maskNino } from '../../domain/nino.ts';
import { day } from '../../domain/notices/format.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { act, ctxOf } from '../forms.ts';
import { button, csrfField, type FieldError, type Fragment, type PageContext, page, pageHead } from '../layout.ts';
import type { Permission } from '../roles.ts';

/** What a file holds, row by row, as the preview shows it: rows read and rows rejected. */
interface Preview {
  read: Array<{ row: number; text: string }>;
  rejected: Array<{ row: number; reason: string }>;
}

/** The three imports: upload, a preview with each row's errors, then confirm. A repeat opens nothing. */
interface ImportKind {
  id: string;
  title: string;
  action: string;
  permission: Permission;
  preview(csv: string): Preview;
  summary(result: Record<string, unknown>): string;
}

/** A preview from a parser: the rows it read, each as its line in the file and what is shown, and those it rejected. */
function previewOf<Parsed extends { rejected: Preview['rejected'] }, Row>(
  parse: (csv: string, readCsv: typeof csvToGrid) => Parsed,
  rowsOf: (parsed: Parsed) => Row[],
  shown: (row: Row, index: number) => Preview['read'][number],
): (csv: string) => Preview {
  return (csv) => {
    const parsed = parse(csv, csvToGrid);
    return { read: rowsOf(parsed).map(shown), rejected: parsed.rejected };
  };
}

const KINDS: readonly ImportKind[] = [
  {
    id: 'prap-referrals',
    title: 'PRaP referrals (Information Sessions)',
    action: 'import-information-session-referrals',
    permission: 'information-session',
    preview: previewOf(
      parseReferralsCsv,
      (r) => r.referrals,
      (x) => ({
        row: x.row,
        text: `${maskNino(x.referral.nino)} referred ${day(x.referral.referralDate)}, ${x.referral.mandation}${x.flags.length ? `; check: ${x.flags.join('; ')}` : ''}`,
      }),
    ),
    summary: (r) => `${r.opened} referral(s) opened, ${r.repeated} already open (nothing opened again).`,
  },
  {
    id: 'cmo-visits',
    title: 'CMO visits (compliance)',
    action: 'import-cmo-visits',
    permission: 'compliance',
    preview: previewOf(
      parseVisitsCsv,
      (r) => r.visits,
      (v, i) => ({ row: i + 1, text: `Visit ${v.visitRef}, ${day(v.visitDate)}, ${v.actions.length} ESF2a action(s)` }),
    ),
    summary: (r) => `${r.opened} visit(s) opened, ${r.repeated} already open (nothing opened again).`,
  },
  {
    id: 'job-entries',
    title: 'Job entries (MI return)',
    action: 'record-job-entries',
    permission: 'mi-return',
    preview: previewOf(
      parseJobEntriesCsv,
      (r) => r.entries,
      (e, i) => ({
        row: i + 2,
        text: `${maskNino(e.nino)} started ${day(e.startDate)}, payment group ${e.paymentGroup}`,
      }),
    ),
    summary: (r) => `${r.added} job entr(ies) added, ${r.corrected} corrected, ${r.repeated} already recorded.`,
  },
];

function uploadForms(ctx: PageContext, notice: { done?: string; errors?: FieldError[] } = {}): Fragment {
  return html`${pageHead({ title: 'Imports', ...notice })}
${KINDS.map(
  (k) => html`<form method="post" action="/imports/${k.id}/preview" enctype="multipart/form-data" novalidate>
  ${csrfField(ctx)}
  <div class="govuk-form-group"><label class="govuk-label govuk-label--m" for="file-${k.id}">${k.title}</label>
  <div class="govuk-hint" id="file-${k.id}-hint">A CSV file. You will see each row before anything is recorded.</div>
  <input class="govuk-file-upload" id="file-${k.id}" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-${k.id}-hint"></div>
  ${button('Preview', true)}
</form>`,
)}`;
}

async function csvOf(c: Context<ConsoleEnv>): Promise<string> {
  const form = c.get('form');
  const file = form.file;
  if (file instanceof File) return file.text();
  return typeof form.csv === 'string' ? form.csv : '';
}

export function registerImportsPage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  app.get('/imports', (c) => c.html(page(ctxOf(c), 'Imports', uploadForms(ctxOf(c), { done: c.req.query('done') }))));

  app.post('/imports/:kind/preview', async (c) => {
    const kind = KINDS.find((k) => k.id === c.req.param('kind'));
    if (!kind) return c.notFound();
    const ctx = ctxOf(c);
    const csv = await csvOf(c);
    if (!csv.trim()) {
      const errors = [{ field: `file-${kind.id}`, message: 'Choose a CSV file to import' }];
      return c.html(page(ctx, 'Imports', uploadForms(ctx, { errors }), true), 400);
    }
    const { read, rejected } = kind.preview(csv);
    const body = html`${pageHead({ title: 'Check the import', caption: kind.title })}
<p class="govuk-body">${read.length} row(s) can be imported; ${rejected.length} row(s) cannot and will be left out.</p>
${
  rejected.length > 0
    ? html`<table class="govuk-table" id="rejected"><caption class="govuk-table__caption govuk-table__caption--m">Rows with errors</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Line</th><th scope="col" class="govuk-table__header">Error</th></tr></thead>
  <tbody class="govuk-table__body">${rejected.map((r) => html`<tr class="govuk-table__row"><td class="govuk-table__cell">${r.row}</td><td class="govuk-table__cell">${r.reason}</td></tr>`)}</tbody></table>`
    : ''
}
<table class="govuk-table" id="read"><caption class="govuk-table__caption govuk-table__caption--m">Rows to import</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Line</th><th scope="col" class="govuk-table__header">Row</th></tr></thead>
<tbody class="govuk-table__body">${read.map((r) => html`<tr class="govuk-table__row"><td class="govuk-table__cell">${r.row}</td><td class="govuk-table__cell">${r.text}</td></tr>`)}</tbody></table>
<form method="post" action="/imports/${kind.id}/confirm" novalidate>${csrfField(ctx)}<input type="hidden" name="csv" value="${csv}">
${button('Confirm import')} <a class="govuk-link" href="/imports">Cancel</a></form>`;
    return c.html(page(ctx, 'Check the import', body));
  });

  app.post('/imports/:kind/confirm', async (c) => {
    const kind = KINDS.find((k) => k.id === c.req.param('kind'));
    if (!kind) return c.notFound();
    const outcome = await act(c, pd, {
      permission: kind.permission,
      caseId: 'console',
      input: { action: kind.action, csv: await csvOf(c) },
    });
    if (outcome.kind === 'refused') return outcome.response;
    if (outcome.kind === 'invalid') {
      const ctx = ctxOf(c);
      return c.html(page(ctx, 'Imports', uploadForms(ctx, { errors: outcome.errors }), true), 400);
    }
    return c.redirect(`/imports?done=${encodeURIComponent(`${kind.title}: ${kind.summary(outcome.result)}`)}`, 303);
  });
}
