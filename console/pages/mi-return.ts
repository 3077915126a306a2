import type { Hono } from 'hono';
import { html } from 'hono/html';
import { buildMiReturnWorkbook, XLSX_CONTENT_TYPE } from '../../adapters/mi-return/workbook.ts';
import { addCalendarMonths, londonDateOf } from '../../domain/calendar/london.ts';
import { buildMiReturn, monthLabel } from '../../domain/mi-return/return.ts';
import { day } from '../../domain/notices/format.ts';
import { miReturnConfigFrom } from '../../functions/commons/processes/mi-return.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { act, ctxOf, field } from '../forms.ts';
import { button, csrfField, type FieldError, type PageContext, page, pageHead, textInput } from '../layout.ts';
import { may } from '../roles.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month's return as the workbook will show it: built from the recorded job entries, as the send step builds it. */
async function returnOf(pd: PageDeps, month: string) {
  const config = miReturnConfigFrom(pd.deps.config);
  const entries = await pd.deps.cases.jobEntries().list(config.contractNumber);
  return buildMiReturn({
    entries,
    reportingMonth: month,
    contractNumber: config.contractNumber,
    providerName: config.providerName,
    firstMonth: config.firstMonth,
    division: config.division,
  });
}

/** MI return: the month's figures, the workbook to download, send early, refresh a past month. */
export function registerMiReturnPage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  const lastMonth = () => addCalendarMonths(londonDateOf(new Date(pd.deps.now())), -1).slice(0, 7);
  const render = async (ctx: PageContext, month: string, errors: FieldError[] = [], done?: string) => {
    if (!pd.deps.config.miReturn) {
      return page(
        ctx,
        'MI return',
        html`${pageHead({ title: 'MI return' })}<p class="govuk-body">No MI return is set up in the provider configuration.</p>`,
      );
    }
    const mi = await returnOf(pd, month);
    const all = mi.sheets[0];
    const allowed = !!ctx.user && may(ctx.user, 'mi-return');
    const body = html`${pageHead({ title: `MI return: ${monthLabel(month)}`, errors, done })}
<form method="get" action="/mi-return"><div class="govuk-form-group"><label class="govuk-label" for="month">Reporting month</label>
<div class="govuk-hint" id="month-hint">For example, 2026-02</div>
<input class="govuk-input govuk-input--width-10" id="month" name="month" value="${month}" aria-describedby="month-hint"></div>${button('Show', true)}</form>
<p class="govuk-body">Due ${day(mi.due.due)}. Workbook: ${mi.fileName}. <a class="govuk-link" href="/mi-return/${month}/workbook" download>Download the workbook</a></p>
<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">How the figures and the due date were counted</span></summary>
<div class="govuk-details__text"><ul class="govuk-list">${[...mi.counting, ...mi.due.explanation].map((l) => html`<li>${l}</li>`)}</ul></div></details>
<table class="govuk-table" id="mi-figures"><caption class="govuk-table__caption govuk-table__caption--m">${all?.name ?? 'All Payment Groups'} (last 12 months)</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Month</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">First Job Entries</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Subsequent Job Entries</th></tr></thead>
<tbody class="govuk-table__body">${(all?.rows ?? []).slice(-12).map((r) => html`<tr class="govuk-table__row"><td class="govuk-table__cell">${monthLabel(r.month)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${r.firstJobEntries}</td><td class="govuk-table__cell govuk-table__cell--numeric">${r.subsequentJobEntries}</td></tr>`)}</tbody></table>
${mi.warnings.length > 0 ? html`<div class="govuk-inset-text"><ul class="govuk-list">${mi.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ''}
${
  allowed
    ? html`<form method="post" action="/mi-return/${month}/send" novalidate>${csrfField(ctx)}${button('Send this return now')}</form>
<form method="post" action="/mi-return/${month}/refresh" novalidate>${csrfField(ctx)}<h2 class="govuk-heading-m">Refresh a past month</h2>
${textInput({ name: 'reason', label: 'Which job entries were corrected' }, errors)}${button('Send a refreshed return', true)}</form>`
    : ''
}`;
    return page(ctx, 'MI return', body, errors.length > 0);
  };

  app.get('/mi-return', async (c) => {
    const month = c.req.query('month') ?? '';
    return c.html(await render(ctxOf(c), MONTH.test(month) ? month : lastMonth(), [], c.req.query('done')));
  });

  app.get('/mi-return/:month/workbook', async (c) => {
    const month = c.req.param('month');
    if (!MONTH.test(month) || !pd.deps.config.miReturn) return c.notFound();
    const mi = await returnOf(pd, month);
    const workbook = await buildMiReturnWorkbook(mi);
    return c.body(new Uint8Array(workbook), 200, {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="${mi.fileName.replace(/["\\]/g, '')}"`,
    });
  });

  app.post('/mi-return/:month/:request{send|refresh}', async (c) => {
    const month = c.req.param('month');
    if (!MONTH.test(month)) return c.notFound();
    const request = c.req.param('request');
    const outcome = await act(c, pd, {
      permission: 'mi-return',
      caseId: 'console',
      fieldNames: { reason: 'Which job entries were corrected' },
      primaryField: 'reason',
      input: { action: 'mi-return', month, request, by: c.get('user').email, reason: field(c, 'reason') || undefined },
    });
    if (outcome.kind === 'refused') return outcome.response;
    if (outcome.kind === 'invalid') {
      return c.html(await render(ctxOf(c), month, outcome.errors), 400);
    }
    return c.redirect(
      `/mi-return?month=${month}&done=${request === 'send' ? 'Send asked for' : 'Refresh asked for'}`,
      303,
    );
  });
}
