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
