import type { Hono } from 'hono';
import { html } from 'hono/html';
import { addCalendarDays, londonDateOf } from '../../domain/calendar/london.ts';
import type { ComplianceCase } from '../../domain/compliance/case.ts';
import type { ExitReportCase } from '../../domain/exit-report/case.ts';
import type { InformationSessionCase } from '../../domain/information-session/case.ts';
import { day } from '../../domain/notices/format.ts';
import { complianceProcess } from '../../functions/commons/processes/compliance.ts';
import { exitReportProcess } from '../../functions/commons/processes/exit-report.ts';
import { informationSessionProcess } from '../../functions/commons/processes/information-session.ts';
import { openWork } from '../caseload.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { ctxOf } from '../forms.ts';
import { type Fragment, page } from '../layout.ts';
import { barChart } from './chart.ts';

interface Rate {
  month: string;
  total: number;
  onTime: number;
}

function tally(rows: Array<{ month: string; onTime: boolean }>): Rate[] {
  const byMonth = new Map<string, Rate>();
  for (const r of rows) {
    const rate = byMonth.get(r.month) ?? { month: r.month, total: 0, onTime: 0 };
    rate.total++;
    if (r.onTime) rate.onTime++;
    byMonth.set(r.month, rate);
  }
  return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)).slice(-12);
}

const percent = (r: Rate) => (r.total === 0 ? 0 : Math.round((100 * r.onTime) / r.total));

function rateSection(id: string, title: string, rates: Rate[]): Fragment {
  return html`<h2 class="govuk-heading-m">${title}</h2>
${
  rates.length === 0
    ? html`<p class="govuk-body">None yet.</p>`
    : html`<div class="govuk-grid-row"><div class="govuk-grid-column-one-half">
${barChart(
  id,
  `${title}: per cent on time by month`,
  rates.map((r) => ({ label: r.month, value: percent(r) })),
  100,
  '%',
)}</div>
<div class="govuk-grid-column-one-half"><table class="govuk-table" id="${id}-figures"><caption class="govuk-table__caption govuk-table__caption--s">${title}: figures</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Month</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">On time</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Total</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">%</th></tr></thead>
<tbody class="govuk-table__body">${rates.map((r) => html`<tr class="govuk-table__row"><td class="govuk-table__cell">${r.month}</td><td class="govuk-table__cell govuk-table__cell--numeric">${r.onTime}</td><td class="govuk-table__cell govuk-table__cell--numeric">${r.total}</td><td class="govuk-table__cell govuk-table__cell--numeric">${percent(r)}</td></tr>`)}</tbody></table></div></div>`
}`;
}

/**
 * Performance: Exit Reports within 10 working days, Information Sessions within 15 days, ESF3 reports within 12
 * working days (per month, as counted on each case), and the deadlines due per day for the next four weeks.
 */
export function registerPerformancePage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  app.get('/performance', async (c) => {
    const cases = pd.deps.cases;
    const today = londonDateOf(new Date(pd.deps.now()));
    const exit: Array<{ month: string; onTime: boolean }> = [];
    for await (const { record } of cases.recordsOf(exitReportProcess.kind).all()) {
      const r = record as ExitReportCase;
      if (r.report && !r.report.notRequired)
        exit.push({ month: r.report.sentDate.slice(0, 7), onTime: r.report.onTime });
    }
    const sessions: Array<{ month: string; onTime: boolean }> = [];
    for await (const { record } of cases.recordsOf(informationSessionProcess.kind).all()) {
      const r = record as InformationSessionCase;
      const due = r.deadlines.session.due;
      const attended = r.sessions.find((s) => s.outcome === 'attended');
      if (attended || due < today)
        sessions.push({ month: due.slice(0, 7), onTime: !!attended && attended.date <= due });
    }
    const esf3: Array<{ month: string; onTime: boolean }> = [];
    for await (const { record } of cases.recordsOf(complianceProcess.kind).all()) {
      const r = record as ComplianceCase;
      const due = r.deadlines.esf3Report.due;
      if (r.esf3.receivedDate || due < today)
        esf3.push({ month: due.slice(0, 7), onTime: !!r.esf3.receivedDate && !r.esf3.late });
    }
    const work = await openWork(pd.deps);
    const days = Array.from({ length: 28 }, (_, i) => addCalendarDays(today, i));
    const duePerDay = days.map((d) => ({ date: d, count: work.filter((w) => w.next?.due === d).length }));
    const body = html`<h1 class="govuk-heading-l">Performance</h1>
${rateSection('exit-reports', 'Exit Reports sent within 10 working days', tally(exit))}
${rateSection('information-sessions', 'Information Sessions within 15 days', tally(sessions))}
${rateSection('esf3', 'ESF3 reports within 12 working days', tally(esf3))}
<h2 class="govuk-heading-m">Deadlines due per day, next four weeks</h2>
${barChart(
  'due-per-day',
  'Deadlines due per day, next four weeks',
  duePerDay.map((d) => ({ label: d.date.slice(5), value: d.count })),
  Math.max(1, ...duePerDay.map((d) => d.count)),
)}
<table class="govuk-table" id="due-per-day-figures"><caption class="govuk-table__caption govuk-table__caption--s">Deadlines due per day: figures</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Day</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Due</th></tr></thead>
<tbody class="govuk-table__body">${duePerDay.map((d) => html`<tr class="govuk-table__row"><td class="govuk-table__cell">${day(d.date)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${d.count}</td></tr>`)}</tbody></table>`;
    return c.html(page(ctxOf(c), 'Performance', body));
  });
}
