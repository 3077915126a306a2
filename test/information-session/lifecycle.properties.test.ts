import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, endOfDayInLondon, londonDateOf, londonInstant } from '../../domain/calendar/london.ts';
import type { Division } from '../../domain/calendar/types.ts';
import { calendarFor } from '../../domain/calendar/working-days.ts';
import { routeEvent } from '../../domain/information-session/lifecycle.ts';
import { config, Driver, ev, referral } from './driver.ts';

const referralDate = fc
  .date({ min: new Date('2012-01-01T00:00:00Z'), max: new Date('2027-11-30T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const division = fc.constantFrom<Division>('england-and-wales', 'scotland');
const openedAt = (date: string) => `${date}T12:00:00.000Z`;

describe('Information Session properties', () => {
  it('the dates are the referral date + 15, 21 and 28 calendar days, ending at the end of the London day', () => {
    fc.assert(
      fc.property(referralDate, division, (date, div) => {
        const d = new Driver(referral({ referralDate: date, division: div }), openedAt(date));
        const { session, wp11Window, attachment } = d.c.deadlines;
        expect(session.due).toBe(addCalendarDays(date, 15));
        expect(wp11Window.due).toBe(addCalendarDays(date, 21));
        expect(attachment.due).toBe(addCalendarDays(date, 28));
        expect(wp11Window.dueAt).toBe(endOfDayInLondon(wp11Window.due));
      }),
      { numRuns: 200 },
    );
  });

  it('with nothing recorded, the case reaches the cancel task once, at the end of day 21, and never closes by itself', () => {
    fc.assert(
      fc.property(referralDate, division, (date, div) => {
        const d = new Driver(referral({ referralDate: date, division: div }), openedAt(date));
        d.runUntil(new Date(Date.parse(openedAt(date)) + 60 * 86_400_000).toISOString());
        expect(d.c.stage).toBe('cancel-due');
        const cancel = d.sentOf('cancel-did-not-start');
        expect(cancel.map((s) => s.at)).toEqual([d.c.deadlines.wp11Window.dueAt]);
        expect(d.sentOf('session-overdue').map((s) => s.at)).toEqual([d.c.deadlines.session.dueAt]);
        // Every chase and reminder is on a working day of the division, at the configured time of day.
        const calendar = calendarFor(div);
        for (const s of d.sent) {
          if (s.notice.kind.endsWith('chase') || s.notice.kind.endsWith('reminder')) {
            const day = londonDateOf(s.at);
            expect(calendar.isWorkingDay(day)).toBe(true);
            expect(s.at).toBe(londonInstant(day, config.noticeTime));
          }
        }
        expect(d.sentOf('cancel-did-not-start-chase')).toHaveLength(config.maxChases);
      }),
      { numRuns: 60 },
    );
  });

  it('a WP11 is acted on exactly when it arrives by the end of day 21, whatever happened before', () => {
    fc.assert(
      fc.property(
        referralDate,
        fc.integer({ min: 0, max: 30 * 24 }),
        fc.constantFrom('none', 'attended', 'dna'),
        (date, hours, before) => {
          const d = new Driver(referral({ referralDate: date }), openedAt(date));
          const session = addCalendarDays(date, 3);
          if (before === 'attended') d.deliver(openedAt(session), ev.attended(session, openedAt(session)));
          if (before === 'dna') d.deliver(openedAt(session), ev.dna(session, openedAt(session)));
          const at = new Date(Date.parse(openedAt(date)) + hours * 3_600_000 + 3_600_000 * 24 * 4).toISOString();
          d.runUntil(at);
          const wp11 = ev.wp11(at);
          const onTime = Date.parse(at) <= Date.parse(d.c.deadlines.wp11Window.dueAt);
          expect(routeEvent(d.c, wp11)).toBe(onTime ? 'record-wp11' : 'late-wp11');
          d.deliver(at, wp11);
          expect(d.c.stage).toBe(onTime ? 'attachment-due' : 'cancel-due');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('random stories', () => {
  const kinds = fc.constantFrom(
    'arranged',
    'attended',
    'dna',
    'jcpNotified',
    'wp11',
    'cancelled',
    'attachedWp',
    'attachedIs',
    'backedOut',
  );
  const story = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 * 24 }), kinds), { maxLength: 12 });

  it('never throws, never sends a notice twice, and keeps its invariants', () => {
    fc.assert(
      fc.property(fc.boolean(), story, (mandatory, steps) => {
        const start = Date.parse('2024-05-20T09:00:00.000Z');
        const d = new Driver(
          referral(mandatory ? { mandation: 'mandatory', esaGroup: 'esa-c-wrag' } : {}),
          new Date(start).toISOString(),
        );
        for (const [hours, kind] of [...steps].sort((a, b) => a[0] - b[0])) {
          const at = new Date(start + hours * 3_600_000).toISOString();
          const date = londonDateOf(at);
          const event = {
            arranged: () => ev.arranged(addCalendarDays(date, 2), at),
            attended: () => ev.attended(date, at),
            dna: () => ev.dna(date, at),
            jcpNotified: () => ev.jcpNotified(date, at),
            wp11: () => ev.wp11(at),
            cancelled: () => ev.cancelled(date, at),
            attachedWp: () => ev.attached(date, at),
            attachedIs: () => ev.attached(date, at, 'information-session'),
            backedOut: () => ev.backedOut(date, at),
          }[kind]();
          d.deliver(at, event);
        }
        d.runUntil(new Date(start + 60 * 86_400_000).toISOString());
        const c = d.c;
        const day21End = Date.parse(c.deadlines.wp11Window.dueAt);
        // Attachment is only ever due on a WP11 received by the end of day 21.
        if (c.stage === 'attachment-due' || c.closedReason === 'attached') {
          expect(c.wp11?.late).toBe(false);
          expect(Date.parse(c.wp11?.receivedAt ?? '')).toBeLessThanOrEqual(day21End);
        }
        // 'Did Not Start' only after a cancel task, which only comes at the end of day 21 without a timely WP11.
        if (c.closedReason === 'cancelled-did-not-start') expect(c.cancellation?.cancelledOn).not.toBeNull();
        for (const s of d.sentOf('cancel-did-not-start')) expect(s.at).toBe(c.deadlines.wp11Window.dueAt);
        // Sixty days on, nothing is left in between: closed, waiting for a confirmation, or for the attachment.
        expect(['closed', 'cancel-due', 'attachment-due']).toContain(c.stage);
        // A mandated DNA always raises a task; a voluntary one never does.
        const dnas = c.sessions.filter((s) => s.outcome === 'did-not-attend').length;
        expect(c.dnaNotices.length).toBe(mandatory ? dnas : 0);
        // The three dates never move.
        expect([c.deadlines.session.due, c.deadlines.wp11Window.due, c.deadlines.attachment.due]).toEqual([
          '2024-06-04',
          '2024-06-10',
          '2024-06-17',
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
