import type { Hono } from 'hono';
import { html } from 'hono/html';
import { instant } from '../../domain/notices/format.ts';
import { processes } from '../../functions/commons/processes/index.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { ctxOf } from '../forms.ts';
import { page } from '../layout.ts';

/**
 * Inbound mail: what the messages received did to the cases, the findings flagged for the SPoC lead first (a
 * sender not designated, a printed deadline that differs from the counted one, a content-check finding), which
 * may need a call to the District.
 */
export function registerInboundMailPage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  app.get('/inbound-mail', async (c) => {
    const entries: Array<{ caseId: string; at: string; what: string; detail: string; flag: boolean }> = [];
    for (const process of processes) {
      for await (const { record } of pd.deps.cases.recordsOf(process.kind).all()) {
        for (const a of record.audit) {
          if (/mail|WPER|WP11|request|message|sender/i.test(`${a.what} ${a.detail ?? ''}`)) {
            entries.push({ caseId: record.caseId, at: a.at, what: a.what, detail: a.detail ?? '', flag: !!a.flag });
          }
        }
      }
    }
    entries.sort((a, b) => Number(b.flag) - Number(a.flag) || b.at.localeCompare(a.at));
    const body = html`<h1 class="govuk-heading-l">Inbound mail</h1>
<p class="govuk-body">${entries.filter((e) => e.flag).length} finding(s) flagged for the SPoC lead; flagged ones first.</p>
<table class="govuk-table" id="inbound"><thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Received</th><th scope="col" class="govuk-table__header">Case</th><th scope="col" class="govuk-table__header">Outcome</th><th scope="col" class="govuk-table__header">Finding</th></tr></thead>
<tbody class="govuk-table__body">${entries.slice(0, 500).map(
      (
        e,
      ) => html`<tr class="govuk-table__row"><td class="govuk-table__cell">${instant(e.at)}</td><td class="govuk-table__cell"><a class="govuk-link" href="/cases/${e.caseId}">${e.caseId}</a></td>
<td class="govuk-table__cell">${e.flag ? html`<strong class="govuk-tag govuk-tag--red">Needs the SPoC lead</strong> ` : ''}${e.what}</td><td class="govuk-table__cell">${e.detail}</td></tr>`,
    )}</tbody></table>`;
    return c.html(page(ctxOf(c), 'Inbound mail', body));
  });
}
