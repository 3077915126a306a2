import type { Hono } from 'hono';
import { html } from 'hono/html';
import bankHolidays from '../../data/uk-bank-holidays.json' with { type: 'json' };
import { londonDateOf } from '../../domain/calendar/london.ts';
import { DIVISION_NAMES, DIVISIONS } from '../../domain/calendar/types.ts';
import { calendarFor } from '../../domain/calendar/working-days.ts';
import { day } from '../../domain/notices/format.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { act, ctxOf } from '../forms.ts';
import { button, csrfField, page, pageHead } from '../layout.ts';
import { may } from '../roles.ts';

type Feed = Record<string, { events: Array<{ title: string; date: string }> }>;

/**
 * Calendar: each division's bank holidays (this year and next), the range the data covers, and for the operator
 * the count of every open case's dates again after a refresh (`npx wp calendar refresh` takes the GOV.UK feed;
 * the deadlines that moved are emailed to the SPoC lead and the caseworker).
 */
export function registerCalendarPage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  app.get('/calendar', (c) => {
    const ctx = ctxOf(c);
    const today = londonDateOf(new Date(pd.deps.now()));
    const year = Number(today.slice(0, 4));
    const feed = bankHolidays as unknown as Feed;
    const body = html`${pageHead({ title: 'Calendar', done: c.req.query('done') })}
${DIVISIONS.map((division) => {
  const calendar = calendarFor(division);
  const events = (feed[division]?.events ?? []).filter(
    (e) => e.date.startsWith(String(year)) || e.date.startsWith(String(year + 1)),
  );
  return html`<h2 class="govuk-heading-m">${DIVISION_NAMES[division]}</h2>
<p class="govuk-body">The bank-holiday data covers ${day(calendar.firstDate)} to ${day(calendar.lastDate)}.</p>
<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">Bank holidays ${year} and ${year + 1}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Date</th><th scope="col" class="govuk-table__header">Holiday</th></tr></thead>
<tbody class="govuk-table__body">${events.map((e) => html`<tr class="govuk-table__row"><td class="govuk-table__cell">${day(e.date)}</td><td class="govuk-table__cell">${e.title}</td></tr>`)}</tbody></table>`;
})}
${
  ctx.user && may(ctx.user, 'calendar-refresh')
    ? html`<h2 class="govuk-heading-m">After a refresh of the data</h2>
<p class="govuk-body">Counts every open case's dates again on the loaded calendars; each deadline that moves is emailed to the SPoC lead and the caseworker.</p>
<form method="post" action="/calendar/recompute" novalidate>${csrfField(ctx)}${button('Count open cases’ dates again', true)}</form>`
    : ''
}`;
    return c.html(page(ctx, 'Calendar', body));
  });

  app.post('/calendar/recompute', async (c) => {
    const outcome = await act(c, pd, {
      permission: 'calendar-refresh',
      caseId: 'console',
      input: { action: 'recompute-deadlines' },
    });
    if (outcome.kind === 'refused') return outcome.response;
    if (outcome.kind === 'invalid') throw new Error(outcome.errors.map((e) => e.message).join('; '));
    const { checked, changed } = outcome.result as { checked: number; changed: number };
    return c.redirect(
      `/calendar?done=${encodeURIComponent(`${checked} open case(s) checked; the dates of ${changed} moved.`)}`,
      303,
    );
  });
}
