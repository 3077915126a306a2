/**
 * Writes scenarios/demo.json: 55 invented participants whose stories cover every branch of the Exit Report
 * lifecycle. Dates are computed with the project's calendar so each story lands where it claims to.
 * Run: npx tsx scripts/make-demo-scenario.ts && npx biome format --write scenarios/demo.json
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
// 11. SCR through the clerical route end to end (paras 31–33, 66–67): the paper WPER2 recorded by staff starts the
//     10 working days; the Nominated Officer posts the report first class and staff confirm it.
{
  const p = participant('SCR: clerical WPER2 recorded by staff, report posted and confirmed', { scr: true });
  // The WPER2 is dated on a working day (day 714 is New Year's Day 2026) and reaches the provider two days later.
  const requestDate = p.cal.workingDaysFrom(p.requestDate, 1);
  events.push({
    at: at(p.cal.workingDaysFrom(requestDate, 3), '09:30'),
    participant: p.ref,
    type: 'clerical-request',
    requestDate,
    printedDeadline: computeDeadline('exit-report', requestDate, p.division).due,
    district: 'West Yorkshire',
    returnAddress: 'Nominated Officer, Exit Reports, Jobcentre Plus, 1 Example Street, Leeds LS1 1AA',
    recordedBy: 'nominated-officer@provider.example',
  });
  const sentDate = p.cal.workingDaysFrom(requestDate, 7);
  events.push({
    at: at(sentDate, '16:00'),
    participant: p.ref,
    type: 'report-confirmed-sent',
    sentDate,
    confirmedBy: 'nominated-officer@provider.example',
  });
}

// Information Sessions (ch.19): referrals in spring 2025, one per branch. Dates run from the referral date: the
// session within 15 calendar days, the WP11 by the end of day 21, the attachment by day 28.
const sessionReferrals: Json[] = [];
const sessionEvents: Json[] = [];
const SESSION_STAFF = 'sessions@provider.example';
let s = 0;
function sessionReferral(
  story: string,
  options: { mandation?: string; esaGroup?: string; scr?: boolean; division?: Division } = {},
) {
  const i = ++s;
  const ref = `s${String(i).padStart(2, '0')}`;
  // Mondays to Thursdays from 3 March 2025, a few days apart.
  const referralDate = addCalendarDays('2025-03-03', (i - 1) * 7 + ((i - 1) % 4));
  sessionReferrals.push({
    ref,
    nino: `WR${String(200000 + i).padStart(6, '0')}B`,
    referralDate,
    mandation: options.mandation ?? 'voluntary',
    esaGroup: options.esaGroup ?? 'ESA (C) WRAG',
    division: options.division ?? 'england-and-wales',
    scr: options.scr ?? false,
    caseworkerEmail: SESSION_STAFF,
    story,
  });
  const day = (n: number) => addCalendarDays(referralDate, n);
  // Who recorded it: staff; facts that are confirmations say so with confirmedBy (recordedBy is then ignored).
  const fact = (n: number, f: Json, time = '15:00') =>
    sessionEvents.push({ at: at(day(n), time), referral: ref, fact: { recordedBy: SESSION_STAFF, ...f } });
  const wp11 = (n: number) =>
    sessionEvents.push({ at: at(day(n), '11:00'), referral: ref, fact: { type: 'wp11-received' } });
  return { ref, day, fact, wp11 };
}
const outcome = (sessionDate: string, attended: boolean) => ({
  type: 'session-outcome',
  outcome: attended ? 'attended' : 'did-not-attend',
  sessionDate,
});
{
  const r = sessionReferral('Attended on day 6, WP11 on day 10, attached on day 14.');
  r.fact(6, outcome(r.day(6), true));
  r.wp11(10);
  r.fact(14, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(14) });
}
{
  const r = sessionReferral("Attended, but no WP11 by day 21: cancelled on PRaP as 'Did Not Start' after a chase.");
  r.fact(7, outcome(r.day(7), true));
  r.fact(24, { type: 'prap-cancelled', cancelledOn: r.day(24), confirmedBy: SESSION_STAFF });
}
{
  const r = sessionReferral('Mandated, did not attend: Jobcentre Plus told the next day; no WP11, cancelled.', {
    mandation: 'mandatory',
  });
  r.fact(8, outcome(r.day(8), false));
  r.fact(9, {
    type: 'jcp-dna-notified',
    notifiedOn: r.day(9),
    route: 'District SPoC mailbox',
    confirmedBy: SESSION_STAFF,
  });
  r.fact(22, { type: 'prap-cancelled', cancelledOn: r.day(22), confirmedBy: SESSION_STAFF });
}
{
  const r = sessionReferral('Voluntary, did not attend: no notice to Jobcentre Plus; cancelled at day 21.');
  r.fact(8, outcome(r.day(8), false));
  r.fact(23, { type: 'prap-cancelled', cancelledOn: r.day(23), confirmedBy: SESSION_STAFF });
}
{
  const r = sessionReferral(
    'Mandated, missed the first session, rearranged (no re-referral) and attended on day 13; WP11, attached.',
    {
      mandation: 'mandatory',
    },
  );
  r.fact(5, outcome(r.day(5), false));
  r.fact(6, {
    type: 'jcp-dna-notified',
    notifiedOn: r.day(6),
    route: 'District SPoC mailbox',
    confirmedBy: SESSION_STAFF,
  });
  r.fact(6, { type: 'session-arranged', sessionDate: r.day(13) }, '16:00');
  r.fact(13, outcome(r.day(13), true));
  r.wp11(17);
  r.fact(24, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(24) });
}
{
  const r = sessionReferral(
    'Missed day 14, rearranged for day 24: cancelled at day 21 anyway; the WP11 that follows is late.',
  );
  r.fact(14, outcome(r.day(14), false));
  r.fact(15, { type: 'session-arranged', sessionDate: r.day(24) });
  r.fact(24, outcome(r.day(24), true));
  r.wp11(26);
  r.fact(27, { type: 'prap-cancelled', cancelledOn: r.day(27), confirmedBy: SESSION_STAFF });
}
{
  const r = sessionReferral(
    'Marked mandatory for the ESA (IR) Support Group, which Annex A says cannot be mandated: flagged.',
    {
      mandation: 'mandatory',
      esaGroup: 'ESA (IR) Support Group',
    },
  );
  r.fact(6, outcome(r.day(6), true));
  r.wp11(9);
  r.fact(12, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(12) });
}
{
  const r = sessionReferral(
    'Attached to the Information Session referral by mistake: backed out (PRaP16), then attached properly.',
  );
  r.fact(5, outcome(r.day(5), true));
  r.wp11(8);
  r.fact(10, { type: 'attachment-recorded', referralType: 'information-session', attachedOn: r.day(10) });
  r.fact(11, { type: 'attachment-backed-out', backedOutOn: r.day(11) });
  r.fact(11, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(11) }, '16:00');
}
{
  const r = sessionReferral(
    'SCR, referred clerically: attended, WP11, attached. Nothing about them is emailed outside.',
    { scr: true },
  );
  r.fact(7, outcome(r.day(7), true));
  r.wp11(12);
  r.fact(20, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(20) });
}
{
  const r = sessionReferral(
    'Scotland, mandated, did not attend: Jobcentre Plus never confirmed told, chased to the limit.',
    {
      mandation: 'mandatory',
      division: 'scotland',
    },
  );
  r.fact(9, outcome(r.day(9), false));
  r.fact(25, { type: 'prap-cancelled', cancelledOn: r.day(25), confirmedBy: SESSION_STAFF });
}
{
  const r = sessionReferral(
    'No session outcome recorded by day 15: overdue; WP11 on day 20 (volunteered), attached late on day 30.',
  );
  r.wp11(20);
  r.fact(30, { type: 'attachment-recorded', referralType: 'work-programme', attachedOn: r.day(30) });
}

// A CMO visit (memo 147) on Friday 31 January 2025, ending 15:00: 8 ESF2a actions; evidence for 2 within the
// 48 hours leaves 6 outstanding (5 selected); the ESF3 never arrives (flagged late); the calendar month ends Fri
// 28 February; at the PM visit on 10 March 4 are resolved and 1 goes to the Contract Performance Review.
const cmoIssues = [
  'No signed Action Plan on file',
  'Start date on PRaP differs from the attendance record',
  'ESF eligibility evidence not seen',
  'Job outcome claimed without payslip evidence',
  'Attendance register unsigned for two sessions',
  'Right-to-work check not recorded',
  'Exit Report copy not retained',
  'Sub-contractor referral form incomplete',
];
const visits: Json[] = [
  {
    ref: 'v01',
    visitRef: 'V-2025-007',
    contract: 'CPA 18 Example North',
    visitDate: '2025-01-31',
    endTime: '15:00',
    actions: cmoIssues.map((issue, i) => ({
      reference: `ESF2a-007-${String(i + 1).padStart(2, '0')}`,
      nino: i < 4 ? nino(i + 1) : null,
      issue,
    })),
    story:
      'Visit on 31 January: evidence for 2 in 48 hours, 6 outstanding, 5 selected; ESF3 late; month ends 28 February; 1 to the CPR.',
  },
];
const ref = (i: number) => `ESF2a-007-${String(i).padStart(2, '0')}`;
const visitEvents: Json[] = [
  {
    at: '2025-02-01T10:00:00Z',
    visit: 'v01',
    fact: { type: 'evidence-recorded', reference: ref(1), note: 'Signed Action Plan found in the paper file' },
  },
  {
    at: '2025-02-02T11:00:00Z',
    visit: 'v01',
    fact: { type: 'evidence-recorded', reference: ref(6), note: 'Right-to-work check scanned' },
  },
  { at: '2025-02-04T10:00:00Z', visit: 'v01', fact: { type: 'cmo-handover', selected: [2, 3, 4, 5, 7].map(ref) } },
  {
    at: '2025-02-12T10:00:00Z',
    visit: 'v01',
    fact: {
      type: 'progress-note',
      reference: ref(4),
      by: 'adviser@provider.example',
      note: 'Asked the employer for payslips',
    },
  },
  {
    at: '2025-02-14T10:00:00Z',
    visit: 'v01',
    fact: { type: 'provider-resolved', reference: ref(2), note: 'Start date corrected on PRaP' },
  },
  {
    at: '2025-02-20T10:00:00Z',
    visit: 'v01',
    fact: { type: 'provider-resolved', reference: ref(3), note: 'Eligibility evidence filed' },
  },
  { at: '2025-03-03T10:00:00Z', visit: 'v01', fact: { type: 'pm-visit-arranged', visitDate: '2025-03-10' } },
  {
    at: '2025-03-10T15:00:00Z',
    visit: 'v01',
    fact: {
      type: 'pm-review',
      visitDate: '2025-03-10',
      outcomes: [
        { reference: ref(2), outcome: 'resolved' },
        { reference: ref(3), outcome: 'resolved' },
        { reference: ref(4), outcome: 'unresolved', note: 'Payslips still not obtained' },
        { reference: ref(5), outcome: 'resolved' },
        { reference: ref(7), outcome: 'resolved' },
      ],
    },
  },
];

const scenario = {
  name: 'demo',
  description: `${participants.length} invented participants referred in early 2024 whose Exit Report stories cover every branch: on time, late, WPER3, escalation, not required, SCR, early completion with and without an ad hoc request, no request received, and awkward mail; and ${sessionReferrals.length} Information Session referrals, one per branch of chapter 19; and a CMO visit with 8 ESF2a actions (memo 147).`,
  start: '2024-01-08T08:00:00Z',
  end: '2027-04-01T00:00:00Z',
  participants,
  events: events.sort((a, b) => String(a.at).localeCompare(String(b.at))),
  informationSessions: {
    referrals: sessionReferrals,
    events: sessionEvents.sort((a, b) => String(a.at).localeCompare(String(b.at))),
  },
  complianceVisits: { visits, events: visitEvents },
};
writeFileSync(new URL('../scenarios/demo.json', import.meta.url), `${JSON.stringify(scenario, null, 2)}\n`);
console.log(
  `scenarios/demo.json: ${participants.length} participants, ${events.length} events; ${sessionReferrals.length} Information Session referrals, ${sessionEvents.length} events`,
);
