import type { Hono } from 'hono';
import { html } from 'hono/html';
import { normaliseNino } from '../../domain/nino.ts';
import { day } from '../../domain/notices/format.ts';
import { openWork, PROCESS_NAMES, type WorkItem } from '../caseload.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { ctxOf } from '../forms.ts';
import { type Fragment, page } from '../layout.ts';

const STATUS: Record<WorkItem['status'], Fragment> = {
  overdue: html`<strong class="govuk-tag govuk-tag--red">Overdue</strong>`,
  'due-soon': html`<strong class="govuk-tag govuk-tag--orange">Due within 2 working days</strong>`,
  later: html`<strong class="govuk-tag govuk-tag--grey">Later</strong>`,
  none: html`<strong class="govuk-tag govuk-tag--grey">No date</strong>`,
};

function daysText(days: number | null): string {
  if (days === null) return '';
  if (days < 0) return `${-days} working day${days === -1 ? '' : 's'} overdue`;
  if (days === 0) return 'due today';
  return `${days} working day${days === 1 ? '' : 's'} left`;
}

function select(
  name: string,
  label: string,
  values: string[],
  chosen: string,
  names: Record<string, string> = {},
): Fragment {
  return html`<div class="govuk-form-group"><label class="govuk-label" for="filter-${name}">${label}</label>
  <select class="govuk-select" id="filter-${name}" name="${name}"><option value="">All</option>
  ${values.map((v) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${names[v] ?? v}</option>`)}</select></div>`;
}

/** The filters that pick a case by one of its own values, and their labels. */
const FILTERS = {
  process: 'Process',
  stage: 'Stage',
  caseworker: 'Caseworker',
  division: 'Division',
  contract: 'Contract',
} as const satisfies Partial<Record<keyof WorkItem, string>>;
type Filter = keyof typeof FILTERS;
const FILTER_NAMES = Object.keys(FILTERS) as Filter[];

/** Work: every open case of the four processes, the next deadline first, with filters and a search. */
export function registerWorkPage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  app.get('/', async (c) => {
    const all = await openWork(pd.deps);
    const q = Object.fromEntries([...FILTER_NAMES, 'search'].map((k) => [k, c.req.query(k) ?? ''])) as Record<
      Filter | 'search',
      string
    >;
    const search = q.search ? normaliseNino(q.search) : '';
    const items = all.filter(
      (i) =>
        FILTER_NAMES.every((name) => !q[name] || i[name] === q[name]) &&
        (!search || i.nino === search || i.caseId.toUpperCase() === search || i.caseId === q.search),
    );
    const filter = (name: Filter) =>
      name === 'process'
        ? select(name, FILTERS[name], Object.keys(PROCESS_NAMES), q[name], PROCESS_NAMES)
        : select(
            name,
            FILTERS[name],
            [...new Set(all.map((i) => i[name]).filter((v): v is string => !!v))].sort(),
            q[name],
          );
    const body = html`<h1 class="govuk-heading-l">Work</h1>
<p class="govuk-body">${items.length} open case${items.length === 1 ? '' : 's'}, the next deadline first.</p>
<form method="get" action="/" class="moj-filter-layout">
  <div class="govuk-grid-row">
    ${(['process', 'stage', 'caseworker', 'division'] as const).map((name) => html`<div class="govuk-grid-column-one-quarter">${filter(name)}</div>`)}
  </div>
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-one-quarter">${filter('contract')}</div>
    <div class="govuk-grid-column-one-half"><div class="govuk-form-group"><label class="govuk-label" for="search">NINO or case reference</label>
      <input class="govuk-input" id="search" name="search" type="search" value="${q.search ?? ''}"></div></div>
    <div class="govuk-grid-column-one-quarter"><button type="submit" class="govuk-button govuk-button--secondary console-filter-button" data-module="govuk-button">Apply filters</button></div>
  </div>
</form>
<table class="govuk-table" id="work">
  <caption class="govuk-table__caption govuk-table__caption--m">Open cases</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Case</th><th scope="col" class="govuk-table__header">Process</th>
    <th scope="col" class="govuk-table__header">Stage</th><th scope="col" class="govuk-table__header">Next deadline</th>
    <th scope="col" class="govuk-table__header">Working days</th><th scope="col" class="govuk-table__header">Status</th>
  </tr></thead>
  <tbody class="govuk-table__body">
  ${items.map(
    (i) => html`<tr class="govuk-table__row" data-case="${i.caseId}">
    <td class="govuk-table__cell"><a class="govuk-link" href="/cases/${i.caseId}">${i.caseId}</a>${i.nino ? html`<br><span class="govuk-body-s">${i.nino}</span>` : ''}</td>
    <td class="govuk-table__cell">${i.processName}</td><td class="govuk-table__cell">${i.stage}</td>
    <td class="govuk-table__cell">${i.next ? day(i.next.due) : ''}</td><td class="govuk-table__cell">${daysText(i.workingDaysLeft)}</td>
    <td class="govuk-table__cell">${STATUS[i.status]}</td></tr>`,
  )}
  </tbody>
</table>`;
    return c.html(page(ctxOf(c), 'Work', body));
  });
}
