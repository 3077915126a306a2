import { addCalendarDays } from '../../domain/calendar/london.ts';
import type { Division } from '../../domain/calendar/types.ts';
import { calendarFor } from '../../domain/calendar/working-days.ts';
import { computeDeadline } from '../../domain/deadlines/rules.ts';
import { at, type Json, nino } from './common.ts';

/** A participant as the stories use it: its ref, number, dates and calendar. */
type DemoParticipant = ReturnType<ExitReportDemo['participant']>;

/**
 * The demo's Exit Report participants and their events: one story per branch of the lifecycle, dates computed
 * with the project's calendar so each story lands where it claims to.
 */
export function exitReportStories(): { participants: Json[]; events: Json[] } {
  const demo = new ExitReportDemo();
  deadlineStories(demo);
  closingStories(demo);
  awkwardMailStories(demo);
  routeStories(demo);
  return { participants: demo.participants, events: demo.events };
}

function demoReport(i: number, summary = 'Completed a CV workshop, two work trials and a health and safety course.') {
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

/** The participants and events written so far, numbered in the order they are added. */
class ExitReportDemo {
  readonly participants: Json[] = [];
  readonly events: Json[] = [];
  private n = 0;

  participant(
    story: string,
    options: { division?: Division; scr?: boolean; offset?: number; subContractor?: string } = {},
  ) {
    const i = ++this.n;
    const referralDate = addCalendarDays('2024-01-08', (options.offset ?? i) % 45);
    const ref = `p${String(i).padStart(2, '0')}`;
    const division: Division = options.division ?? (i % 3 === 0 ? 'scotland' : 'england-and-wales');
    this.participants.push({
      ref,
      nino: nino(i),
      referralDate,
      division,
      scr: options.scr ?? false,
      ...(options.subContractor ? { subContractor: options.subContractor } : {}),
      caseworkerEmail: `caseworker${(i % 5) + 1}@provider.example`,
      story,
    });
    const requestDate = computeDeadline('request-expected', referralDate, division).due;
    const due = computeDeadline('exit-report', requestDate, division).due;
    const cal = calendarFor(division);
    return { ref, i, referralDate, requestDate, due, cal, division };
  }

  /** The participant's caseworker emails the Exit Report on that day. */
  submitted(p: Pick<DemoParticipant, 'ref' | 'i'>, date: string, time: string, summary?: string): void {
    this.events.push({
      at: at(date, time),
      participant: p.ref,
      type: 'report-submitted',
      report: demoReport(p.i, summary),
    });
  }

  /** Jobcentre Plus sends the WPER2E on the expected request date. */
  request(p: Pick<DemoParticipant, 'ref' | 'requestDate'>, extra: Json = {}): void {
    this.events.push({
      at: at(p.requestDate),
      participant: p.ref,
      type: 'exit-report-request',
      requestDate: p.requestDate,
      ...extra,
    });
  }
}

/** The deadline's branches: on time, late, WPER3, escalation. */
function deadlineStories(demo: ExitReportDemo): void {
  // 1. Reports sent on time by email (both divisions), at different points of the 10 days.
  for (let k = 0; k < 20; k++) {
    const p = demo.participant('report sent on time by email');
    demo.request(p);
    const sentOn = p.cal.workingDaysFrom(p.requestDate, 2 + (k % 8));
    demo.submitted(p, sentOn, '14:00');
  }
  // 2. Late, no WPER3: breach recorded, report sent after the due date.
  for (let k = 0; k < 4; k++) {
    const p = demo.participant('breach, then report sent late');
    demo.request(p);
    const sentOn = p.cal.workingDaysFrom(addCalendarDays(p.due, 1), 2);
    demo.submitted(p, sentOn, '11:00');
  }
  // 3. Breach, WPER3, report before escalation.
  for (let k = 0; k < 4; k++) {
    const p = demo.participant('breach, WPER3, report before escalation');
    demo.request(p);
    const reminderDate = p.cal.workingDaysFrom(addCalendarDays(p.due, 1), 2);
    demo.events.push({ at: at(reminderDate, '09:30'), participant: p.ref, type: 'wper3-reminder', reminderDate });
    const sentOn = p.cal.workingDaysFrom(reminderDate, 4);
    demo.submitted(p, sentOn, '15:00');
  }
  // 4. Breach, WPER3, escalation to the Performance Manager, report later.
  for (let k = 0; k < 4; k++) {
    const p = demo.participant('breach, WPER3, escalation, report after escalation');
    demo.request(p);
    const reminderDate = p.cal.workingDaysFrom(addCalendarDays(p.due, 1), 1);
    demo.events.push({ at: at(reminderDate, '09:30'), participant: p.ref, type: 'wper3-reminder', reminderDate });
    const sentOn = p.cal.workingDaysFrom(reminderDate, 10);
    demo.submitted(p, sentOn, '15:00');
  }
}

/** Cases that close without a report: not required, SCR, early completion, no request. */
function closingStories(demo: ExitReportDemo): void {
  // 5. No longer required: returned marked 'not appropriate'.
  for (let k = 0; k < 3; k++) {
    const p = demo.participant("no longer required: returned marked 'not appropriate'");
    demo.request(p);
    demo.events.push({
      at: at(p.cal.workingDaysFrom(p.requestDate, 3), '12:00'),
      participant: p.ref,
      type: 'not-required',
    });
  }
  // 6. SCR: clerical route, confirmed by staff; one also emailed by mistake first (refused).
  for (let k = 0; k < 4; k++) {
    const p = demo.participant(
      k === 0 ? 'SCR: emailed by mistake (refused), then sent clerically' : 'SCR: sent clerically, confirmed by staff',
      { scr: true },
    );
    demo.request(p);
    if (k === 0) {
      demo.submitted(p, p.cal.workingDaysFrom(p.requestDate, 3), '11:00');
    }
    const sentDate = p.cal.workingDaysFrom(p.requestDate, 6);
    demo.events.push({
      at: at(sentDate, '16:00'),
      participant: p.ref,
      type: 'report-confirmed-sent',
      sentDate,
      confirmedBy: 'nominated-officer@provider.example',
    });
  }
  // 7. Early completion: an ad hoc request within 12 months, answered on time.
  for (const reason of ['deceased', 'job-outcome-claimed'] as const) {
    const p = demo.participant(`early completion (${reason}), ad hoc request within 12 months`);
    const completed = addCalendarDays(p.referralDate, 200);
    demo.events.push({
      at: at(addCalendarDays(completed, 3)),
      participant: p.ref,
      type: 'early-completion',
      reason,
      date: completed,
    });
    const adHoc = p.cal.workingDaysFrom(addCalendarDays(completed, 120), 1);
    demo.events.push({
      at: at(adHoc),
      participant: p.ref,
      type: 'exit-report-request',
      form: 'AD-HOC',
      requestDate: adHoc,
    });
    demo.submitted(p, p.cal.workingDaysFrom(adHoc, 5), '14:00');
  }
  // 8. Early completion, no ad hoc request: closed when the 12 months end.
  for (const reason of ['final-outcome-payment-claimed', 'referred-to-work-choice'] as const) {
    const p = demo.participant(`early completion (${reason}), ad hoc window ends`);
    const completed = addCalendarDays(p.referralDate, 150);
    demo.events.push({
      at: at(addCalendarDays(completed, 2)),
      participant: p.ref,
      type: 'early-completion',
      reason,
      date: completed,
    });
  }
  // 9. No request received after programme end: SPoC alerted (para 27), closed after 12 months.
  for (let k = 0; k < 3; k++) demo.participant('no request received: SPoC alerted, closed after 12 months');
}

/** Awkward mail: a stray WPER3E, a duplicate, printed deadline mismatches, a re-issued request, a failed report. */
function awkwardMailStories(demo: ExitReportDemo): void {
  // 10. Awkward mail: a stray WPER3E, a duplicate delivery, printed deadline mismatches, a re-issued request,
  //     a failing report then a good one.
  {
    const p = demo.participant('stray WPER3E with no open request (flagged), later a normal request');
    const stray = addCalendarDays(p.referralDate, 300);
    demo.events.push({ at: at(stray), participant: p.ref, type: 'wper3-reminder', reminderDate: stray });
    demo.request(p);
    demo.submitted(p, p.cal.workingDaysFrom(p.requestDate, 5), '14:00');
  }
  for (let k = 0; k < 2; k++) {
    const p = demo.participant('the same WPER2E delivered twice: one effect');
    demo.request(p, { repeat: true });
    demo.submitted(p, p.cal.workingDaysFrom(p.requestDate, 6), '14:00');
  }
  for (const shift of [-2, 3]) {
    const p = demo.participant(
      `printed deadline ${shift < 0 ? 'earlier' : 'later'} than computed: the earlier kept, flagged`,
    );
    const printed = addCalendarDays(p.due, shift);
    demo.request(p, { printedDeadline: printed });
    demo.submitted(p, p.cal.workingDaysFrom(p.requestDate, 4), '14:00');
  }
  {
    const p = demo.participant('request re-issued with an amended date (para 48)');
    demo.request(p);
    const amended = p.cal.workingDaysFrom(p.requestDate, 3);
    demo.events.push({ at: at(amended), participant: p.ref, type: 'exit-report-request', requestDate: amended });
    demo.submitted(p, p.cal.workingDaysFrom(amended, 9), '14:00');
  }
  for (let k = 0; k < 2; k++) {
    const p = demo.participant('report fails the content check (returned to caseworker), corrected and sent');
    demo.request(p);
    demo.submitted(
      p,
      p.cal.workingDaysFrom(p.requestDate, 3),
      '11:00',
      'Attended sessions but missed some for religious observance; trade union member.',
    );
    demo.submitted(p, p.cal.workingDaysFrom(p.requestDate, 5), '11:00');
  }
}

/** The clerical route, a sub-contractor's participant, a report sent to the wrong District. */
function routeStories(demo: ExitReportDemo): void {
  // 11. SCR through the clerical route end to end (paras 31–33, 66–67): the paper WPER2 recorded by staff starts the
  //     10 working days; the Nominated Officer posts the report first class and staff confirm it.
  {
    const p = demo.participant('SCR: clerical WPER2 recorded by staff, report posted and confirmed', { scr: true });
    // The WPER2 is dated on a working day (day 714 is New Year's Day 2026) and reaches the provider two days later.
    const requestDate = p.cal.workingDaysFrom(p.requestDate, 1);
    demo.events.push({
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
    demo.events.push({
      at: at(sentDate, '16:00'),
      participant: p.ref,
      type: 'report-confirmed-sent',
      sentDate,
      confirmedBy: 'nominated-officer@provider.example',
    });
  }
  // 12. A participant attached to a sub-contractor (paras 42–44): the request's row forwarded to its designated inbox
  //     only; the sub-contractor's report comes back through the provider's inbox and is sent on time.
  {
    const p = demo.participant(
      'attached to sub-contractor SC-01: its row forwarded to the sub-contractor only, report sent',
      {
        subContractor: 'SC-01',
      },
    );
    demo.request(p);
    demo.submitted(p, p.cal.workingDaysFrom(p.requestDate, 6), '14:00');
  }
  // 13. A report emailed to the wrong District (paras 74–75): agreed by phone, staff record it; the report goes to the
  //     correct District SPoC as a new send and DWP security gets the incident report.
  {
    const p = demo.participant('report sent to the wrong District: re-sent to the correct one, incident reported');
    demo.request(p);
    const sentOn = p.cal.workingDaysFrom(p.requestDate, 4);
    demo.submitted(p, sentOn, '14:00');
    demo.events.push({
      at: at(p.cal.workingDaysFrom(sentOn, 2), '11:00'),
      participant: p.ref,
      type: 'wrong-district',
      correctDistrict: 'South District',
      correctReturnEmail: 'district-spoc.south@jcp.example',
      recordedBy: 'spoc@provider.example',
    });
  }
}
