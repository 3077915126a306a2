/**
 * Writes scenarios/demo.json: 54 invented participants whose stories cover every branch of the Exit Report
 * lifecycle. Dates are computed with the project's calendar so each story lands where it claims to.
 * Run: npx tsx scripts/make-demo-scenario.ts
 */
import { writeFileSync } from 'node:fs';
import { addCalendarDays } from '../domain/calendar/london.ts';
import type { Division } from '../domain/calendar/types.ts';
import { calendarFor } from '../domain/calendar/working-days.ts';
import { computeDeadline } from '../domain/deadlines/rules.ts';

type Json = Record<string, unknown>;
const participants: Json[] = [];
const events: Json[] = [];
let n = 0;

/** Invented NINOs in a valid format (prefix WP, suffix A): no real person's number. */
const nino = (i: number) => `WP${String(100000 + i).padStart(6, '0')}A`;
const at = (date: string, time = '10:00') => `${date}T${time}:00Z`;

function report(i: number, summary = 'Completed a CV workshop, two work trials and a health and safety course.') {
  return {
    firstName: 'Sam',
    surname: `Example${i}`,
    nino: nino(i),
    participantDetails: `Sam Example${i}, ${nino(i)}`,
    summary,
    workAndReasons: 'Four weeks of work experience in retail; a warehouse placement ended early when the site closed.',
    nextSteps: 'Recommend a sector-based work academy in logistics and weekly job search support.',
    furtherInformation: null,
    notRequired: false,
  };
}

function participant(story: string, options: { division?: Division; scr?: boolean; offset?: number } = {}) {
  const i = ++n;
  const referralDate = addCalendarDays('2024-01-08', (options.offset ?? i) % 45);
  const ref = `p${String(i).padStart(2, '0')}`;
  participants.push({
    ref,
    nino: nino(i),
    referralDate,
    division: options.division ?? (i % 3 === 0 ? 'scotland' : 'england-and-wales'),
    scr: options.scr ?? false,
    caseworkerEmail: `caseworker${(i % 5) + 1}@provider.example`,
    story,
  });
  const division = (participants.at(-1) as { division: Division }).division;
  const requestDate = computeDeadline('request-expected', referralDate, division).due;
  const due = computeDeadline('exit-report', requestDate, division).due;
  const cal = calendarFor(division);
  return { ref, i, referralDate, requestDate, due, cal, division };
}

function request(p: { ref: string; requestDate: string }, extra: Json = {}) {
  events.push({
    at: at(p.requestDate),
    participant: p.ref,
    type: 'exit-report-request',
    requestDate: p.requestDate,
    ...extra,
  });
}

// 1. Reports sent on time by email (both divisions), at different points of the 10 days.
for (let k = 0; k < 20; k++) {
  const p = participant('report sent on time by email');
  request(p);
  const sentOn = p.cal.workingDaysFrom(p.requestDate, 2 + (k % 8));
  events.push({ at: at(sentOn, '14:00'), participant: p.ref, type: 'report-submitted', report: report(p.i) });
}
// 2. Late, no WPER3: breach recorded, report sent after the due date.
for (let k = 0; k < 4; k++) {
  const p = participant('breach, then report sent late');
  request(p);
  const sentOn = p.cal.workingDaysFrom(addCalendarDays(p.due, 1), 2);
  events.push({ at: at(sentOn, '11:00'), participant: p.ref, type: 'report-submitted', report: report(p.i) });
}
// 3. Breach, WPER3, report before escalation.
for (let k = 0; k < 4; k++) {
  const p = participant('breach, WPER3, report before escalation');
  request(p);
  const reminderDate = p.cal.workingDaysFrom(addCalendarDays(p.due, 1), 2);
  events.push({ at: at(reminderDate, '09:30'), participant: p.ref, type: 'wper3-reminder', reminderDate });
  const sentOn = p.cal.workingDaysFrom(reminderDate, 4);
  events.push({ at: at(sentOn, '15:00'), participant: p.ref, type: 'report-submitted', report: report(p.i) });
}
// 4. Breach, WPER3, escalation to the Performance Manager, report later.
for (let k = 0; k < 4; k++) {
  const p = participant('breach, WPER3, escalation, report after escalation');
  request(p);
  const reminderDate = p.cal.workingDaysFrom(addCalendarDays(p.due, 1), 1);
  events.push({ at: at(reminderDate, '09:30'), participant: p.ref, type: 'wper3-reminder', reminderDate });
  const sentOn = p.cal.workingDaysFrom(reminderDate, 10);
  events.push({ at: at(sentOn, '15:00'), participant: p.ref, type: 'report-submitted', report: report(p.i) });
}
// 5. No longer required: returned marked 'not appropriate'.
for (let k = 0; k < 3; k++) {
  const p = participant("no longer required: returned marked 'not appropriate'");
  request(p);
  events.push({ at: at(p.cal.workingDaysFrom(p.requestDate, 3), '12:00'), participant: p.ref, type: 'not-required' });
}
// 6. SCR: clerical route, confirmed by staff; one also emailed by mistake first (refused).
for (let k = 0; k < 4; k++) {
  const p = participant(
    k === 0 ? 'SCR: emailed by mistake (refused), then sent clerically' : 'SCR: sent clerically, confirmed by staff',
    { scr: true },
  );
  request(p);
  if (k === 0) {
    events.push({
      at: at(p.cal.workingDaysFrom(p.requestDate, 3), '11:00'),
      participant: p.ref,
      type: 'report-submitted',
      report: report(p.i),
    });
  }
  const sentDate = p.cal.workingDaysFrom(p.requestDate, 6);
  events.push({
    at: at(sentDate, '16:00'),
    participant: p.ref,
    type: 'report-confirmed-sent',
    sentDate,
    confirmedBy: 'nominated-officer@provider.example',
  });
}
// 7. Early completion: an ad hoc request within 12 months, answered on time.
for (const reason of ['deceased', 'job-outcome-claimed'] as const) {
  const p = participant(`early completion (${reason}), ad hoc request within 12 months`);
  const completed = addCalendarDays(p.referralDate, 200);
  events.push({
    at: at(addCalendarDays(completed, 3)),
    participant: p.ref,
    type: 'early-completion',
    reason,
    date: completed,
  });
  const adHoc = p.cal.workingDaysFrom(addCalendarDays(completed, 120), 1);
  events.push({ at: at(adHoc), participant: p.ref, type: 'exit-report-request', form: 'AD-HOC', requestDate: adHoc });
  events.push({
    at: at(p.cal.workingDaysFrom(adHoc, 5), '14:00'),
    participant: p.ref,
    type: 'report-submitted',
    report: report(p.i),
  });
}
// 8. Early completion, no ad hoc request: closed when the 12 months end.
for (const reason of ['final-outcome-payment-claimed', 'referred-to-work-choice'] as const) {
  const p = participant(`early completion (${reason}), ad hoc window ends`);
  const completed = addCalendarDays(p.referralDate, 150);
  events.push({
    at: at(addCalendarDays(completed, 2)),
    participant: p.ref,
    type: 'early-completion',
    reason,
    date: completed,
  });
}
// 9. No request received after programme end: SPoC alerted (para 27), closed after 12 months.
for (let k = 0; k < 3; k++) participant('no request received: SPoC alerted, closed after 12 months');
// 10. Awkward mail: a stray WPER3E, a duplicate delivery, printed deadline mismatches, a re-issued request,
//     a failing report then a good one.
{
  const p = participant('stray WPER3E with no open request (flagged), later a normal request');
  const stray = addCalendarDays(p.referralDate, 300);
  events.push({ at: at(stray), participant: p.ref, type: 'wper3-reminder', reminderDate: stray });
  request(p);
  events.push({
    at: at(p.cal.workingDaysFrom(p.requestDate, 5), '14:00'),
    participant: p.ref,
    type: 'report-submitted',
    report: report(p.i),
  });
}
for (let k = 0; k < 2; k++) {
  const p = participant('the same WPER2E delivered twice: one effect');
  request(p, { repeat: true });
  events.push({
    at: at(p.cal.workingDaysFrom(p.requestDate, 6), '14:00'),
    participant: p.ref,
    type: 'report-submitted',
    report: report(p.i),
  });
}
for (const shift of [-2, 3]) {
  const p = participant(`printed deadline ${shift < 0 ? 'earlier' : 'later'} than computed: the earlier kept, flagged`);
  const printed = addCalendarDays(p.due, shift);
  request(p, { printedDeadline: printed });
  events.push({
    at: at(p.cal.workingDaysFrom(p.requestDate, 4), '14:00'),
    participant: p.ref,
    type: 'report-submitted',
    report: report(p.i),
  });
}
{
  const p = participant('request re-issued with an amended date (para 48)');
  request(p);
  const amended = p.cal.workingDaysFrom(p.requestDate, 3);
  events.push({ at: at(amended), participant: p.ref, type: 'exit-report-request', requestDate: amended });
  events.push({
    at: at(p.cal.workingDaysFrom(amended, 9), '14:00'),
    participant: p.ref,
    type: 'report-submitted',
    report: report(p.i),
  });
}
for (let k = 0; k < 2; k++) {
  const p = participant('report fails the content check (returned to caseworker), corrected and sent');
  request(p);
  events.push({
    at: at(p.cal.workingDaysFrom(p.requestDate, 3), '11:00'),
    participant: p.ref,
    type: 'report-submitted',
    report: report(p.i, 'Attended sessions but missed some for religious observance; trade union member.'),
  });
  events.push({
    at: at(p.cal.workingDaysFrom(p.requestDate, 5), '11:00'),
    participant: p.ref,
    type: 'report-submitted',
    report: report(p.i),
  });
}

const scenario = {
  name: 'demo',
  description: `${participants.length} invented participants referred in early 2024 whose Exit Report stories cover every branch: on time, late, WPER3, escalation, not required, SCR, early completion with and without an ad hoc request, no request received, and awkward mail.`,
  start: '2024-01-08T08:00:00Z',
  end: '2027-04-01T00:00:00Z',
  participants,
  events: events.sort((a, b) => String(a.at).localeCompare(String(b.at))),
};
writeFileSync(new URL('../scenarios/demo.json', import.meta.url), `${JSON.stringify(scenario, null, 2)}\n`);
console.log(`scenarios/demo.json: ${participants.length} participants, ${events.length} events`);
