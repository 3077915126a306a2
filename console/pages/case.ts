import type { Hono } from 'hono';
import { html } from 'hono/html';
import { DIVISION_NAMES, type Division } from '../../domain/calendar/types.ts';
import { day, instant } from '../../domain/notices/format.ts';
import { consoleAuditOf } from '../audit.ts';
import { deadlinesOf, PROCESS_NAMES, processOfCase } from '../caseload.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { act, ctxOf, field, typedDate } from '../forms.ts';
import {
  button,
  csrfField,
  type FieldError,
  type Fragment,
  type PageContext,
  page,
  pageHead,
  selectInput,
  summaryList,
  textInput,
} from '../layout.ts';
import { may } from '../roles.ts';
import { CASE_ACTION_FORMS, type CaseActionForm, formsFor } from './case-actions.ts';

type AnyRecord = Record<string, unknown> & {
  caseId: string;
  stage: string;
  audit: Array<{ at: string; what: string; detail?: string; flag?: boolean }>;
};

/** The participant details the guidance allows (NINO, dates, route): no name, no address. */
function details(process: string, r: AnyRecord): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Case reference', r.caseId],
    ['Process', PROCESS_NAMES[process] ?? process],
    ['Stage', r.stage],
  ];
  const p = (r.participant ?? r.referral) as Record<string, unknown> | undefined;
  if (p) {
    rows.push(
      ['NINO', String(p.nino)],
      ['Referral date', day(String(p.referralDate))],
      ['Division', DIVISION_NAMES[p.division as Division] ?? String(p.division)],
    );
    if (p.contract) rows.push(['Contract', String(p.contract)]);
    rows.push(['Route', p.scr ? 'Special Customer Record: clerical only' : 'Email']);
    if (p.subContractor) rows.push(['Sub-contractor', String(p.subContractor)]);
    const caseworker = p.caseworkerEmail ?? r.caseworkerEmail;
    if (caseworker) rows.push(['Caseworker', String(caseworker)]);
  }
  const visit = r.visit as Record<string, unknown> | undefined;
  if (visit)
    rows.push(
      ['Visit', String(visit.visitRef)],
      ['Contract', String(visit.contract)],
      ['Visit date', day(String(visit.visitDate))],
    );
  if (typeof r.reportingMonth === 'string')
    rows.push(['Reporting month', r.reportingMonth], ['Workbook', String(r.fileName ?? '')]);
  return rows;
}

/** 'noRequestAlert' → 'No request alert': the record's name for the date, as a person reads it. */
function label(key: string): string {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** ISO dates in audit text (written by the lifecycles) shown as people write them: Mon 1 Dec 2025. */
function readable(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => day(iso));
}

function deadlines(r: AnyRecord): Fragment {
  const named = Object.entries((r.deadlines as Record<string, unknown> | undefined) ?? {});
  if (r.due) named.push(['due', r.due]);
  const list = named.flatMap(([key, value]) =>
    deadlinesOf({ deadlines: { [key]: value } }, true).map((d) => ({ ...d, name: label(key) })),
  );
  if (list.length === 0) return html``;
  return html`<h2 class="govuk-heading-m">Dates and how they were counted</h2>
${list.map(
  (
    d,
  ) => html`<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">${d.name}: ${day(d.due)} (rule ${d.rule})</span></summary>
  <div class="govuk-details__text"><ul class="govuk-list">${d.explanation.map((line) => html`<li>${line}</li>`)}</ul></div></details>`,
)}`;
}

async function timeline(pd: PageDeps, r: AnyRecord): Promise<Fragment> {
  const console = await consoleAuditOf(pd.deps.cases, r.caseId);
  const entries = [
    ...r.audit.map((a) => ({
      at: a.at,
      title: a.what,
      by: 'wp-orchestrator',
      detail: readable(a.detail ?? ''),
      flag: !!a.flag,
    })),
    ...console.map((a) => ({
      at: a.at,
      title: `Console: ${a.action} (${a.outcome})`,
      by: a.who,
      detail: a.detail ?? '',
      flag: false,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return html`<h2 class="govuk-heading-m">Timeline</h2>
<div class="moj-timeline">
${entries.map(
  (e) => html`<div class="moj-timeline__item">
  <div class="moj-timeline__header"><h3 class="moj-timeline__title">${e.flag ? html`<strong class="govuk-tag govuk-tag--red">Flagged</strong> ` : ''}${e.title}</h3>
  <p class="moj-timeline__byline">by ${e.by}</p></div>
  <p class="moj-timeline__date"><time datetime="${e.at}">${instant(e.at)}</time></p>
  ${e.detail ? html`<div class="moj-timeline__description"><p class="govuk-body">${e.detail}</p></div>` : ''}
</div>`,
)}
</div>`;
}

function actionForm(
  ctx: PageContext,
  caseId: string,
  form: CaseActionForm,
  errors: FieldError[],
  values: Record<string, string>,
): Fragment {
  return html`<form method="post" action="/cases/${caseId}/actions/${form.id}" novalidate>
  ${csrfField(ctx)}
  <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${form.title}</legend>
  ${form.fields.map((f) =>
    f.options
      ? selectInput({ name: f.name, label: f.label, value: values[f.name], options: f.options }, errors)
      : textInput(
          { name: f.name, label: f.label, hint: f.hint, value: values[f.name], width: f.date ? 10 : 30 },
          errors,
        ),
  )}
  ${button(form.title.startsWith('Send') ? form.title : 'Record', true)}
  </fieldset>
</form>`;
}

async function loadCase(pd: PageDeps, caseId: string): Promise<{ process: string; record: AnyRecord } | null> {
  const process = processOfCase(caseId);
  if (!process) return null;
  const stored = await pd.deps.cases.recordsOf(process.kind).tryGet(caseId);
  return stored ? { process: process.id, record: stored.record as unknown as AnyRecord } : null;
}

/** Case: the details, every date with its counting, the timeline, and the actions that fit the stage. */
export function registerCasePages(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  const render = async (
    ctx: PageContext,
    found: { process: string; record: AnyRecord },
    notice: { done?: string; errors?: FieldError[]; formId?: string; values?: Record<string, string> },
  ) => {
    const { process, record } = found;
    const user = ctx.user;
    const forms = formsFor(process, record.stage).filter((f) => user && may(user, f.permission));
    const errors = notice.errors ?? [];
    const body = html`${pageHead({ title: `Case ${record.caseId}`, caption: PROCESS_NAMES[process] ?? process, errors, done: notice.done })}
${summaryList(details(process, record))}
${deadlines(record)}
${forms.length > 0 ? html`<h2 class="govuk-heading-m">Actions</h2>${forms.map((f) => actionForm(ctx, record.caseId, f, f.id === notice.formId ? errors : [], f.id === notice.formId ? (notice.values ?? {}) : {}))}` : ''}
${await timeline(pd, record)}`;
    return page(ctx, `Case ${record.caseId}`, body, errors.length > 0);
  };

  app.get('/cases/:caseId', async (c) => {
    const found = await loadCase(pd, c.req.param('caseId'));
    if (!found)
      return c.html(page(ctxOf(c), 'Case not found', html`<h1 class="govuk-heading-l">Case not found</h1>`), 404);
    return c.html(await render(ctxOf(c), found, { done: c.req.query('done') ? 'Recorded.' : undefined }));
  });

  app.post('/cases/:caseId/actions/:formId', async (c) => {
    const caseId = c.req.param('caseId');
    const found = await loadCase(pd, caseId);
    const form = CASE_ACTION_FORMS.find((f) => f.id === c.req.param('formId'));
    if (!found || !form || form.process !== found.process) return c.notFound();
    const values = Object.fromEntries(
      form.fields.map((f) => [f.name, f.date ? typedDate(field(c, f.name)) : field(c, f.name)]),
    );
    const shown = Object.fromEntries(form.fields.map((f) => [f.name, field(c, f.name)]));
    const outcome = await act(c, pd, {
      permission: form.permission,
      caseId,
      input: form.build(values, c.get('user'), caseId, found.record),
      fieldNames: Object.fromEntries(form.fields.map((f) => [f.name, f.label])),
      primaryField: form.fields.find((f) => f.date)?.name ?? form.fields[0]?.name,
    });
    if (outcome.kind === 'refused') return outcome.response;
    if (outcome.kind === 'invalid')
      return c.html(await render(ctxOf(c), found, { errors: outcome.errors, formId: form.id, values: shown }), 400);
    return c.redirect(`/cases/${caseId}?done=1`, 303);
  });
}
