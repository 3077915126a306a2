import { describe, expect, it } from 'vitest';
import { openComplianceVisit } from '../../domain/compliance/lifecycle.ts';
import { complianceNotice } from '../../domain/notices/compliance-notices.ts';
import { unreadable } from '../notices/readable.ts';
import { config, Driver, id, visit } from './driver.ts';

const OPENED = '2014-03-14T17:00:00Z';

function fullRun(outcome: 'resolved' | 'unresolved'): Driver {
  const v = visit({ n: 12 });
  const first = v.actions[0];
  if (first) first.issue = 'Action Plan for JK100000A unsigned';
  const d = new Driver(v, OPENED);
  d.runUntil('2014-03-17T00:00:00Z');
  d.deliver('2014-03-20T10:00:00Z', {
    id: id(),
    type: 'cmo-handover',
    receivedAt: '2014-03-20T10:00:00Z',
    selected: ['ESF2a-01', 'ESF2a-02', 'ESF2a-03', 'ESF2a-04', 'ESF2a-05'],
  });
  d.runUntil('2014-04-20T00:00:00Z');
  d.deliver('2014-04-22T15:00:00Z', {
    id: id(),
    type: 'pm-review',
    visitDate: '2014-04-22',
    recordedAt: '2014-04-22T15:00:00Z',
    outcomes: ['ESF2a-01', 'ESF2a-02', 'ESF2a-03', 'ESF2a-04', 'ESF2a-05'].map((reference) => ({
      reference,
      outcome: reference === 'ESF2a-01' ? outcome : 'resolved',
    })),
  });
  return d;
}

describe('compliance notices', () => {
  const d = fullRun('unresolved');
  const rendered = d.sent.map((s) => ({ kind: s.notice.kind, ...complianceNotice(s.notice) }));

  it('one notice per intent kind the run produced', () => {
    expect(d.kinds()).toEqual([
      'evidence-window-closing',
      'evidence-window-closing',
      'outstanding-and-selection',
      'esf3-late',
      'month-deadline-approaching',
      'month-deadline-approaching',
      'unresolved-to-cpr',
    ]);
  });

  it('every notice names its date and shows how it was counted', () => {
    for (const n of rendered) {
      expect(n.text).toMatch(/How it was counted:/);
      expect(n.text).toMatch(/\d{1,2} (Mar|Apr) 2014/);
    }
  });

  it('writes every date as a person reads it, never an ISO date, a raw instant or an internal event name', () => {
    const found = rendered.flatMap((n) => unreadable(`${n.subject}\n${n.text}`).map((what) => `${n.kind}: ${what}`));
    expect(found).toEqual([]);
  });

  it('no full NINO anywhere, even inside issue text', () => {
    for (const n of rendered) {
      expect(`${n.subject}\n${n.text}`).not.toMatch(/[A-Z]{2}\d{6}[A-D]/);
    }
    expect(rendered.some((n) => n.text.includes('JK****00A'))).toBe(true);
  });

  it('outstanding and predicted selection: 5 of 12, the CMO chooses', () => {
    const n = rendered.find((r) => r.kind === 'outstanding-and-selection');
    expect(n?.subject).toBe('12 ESF2a outstanding after 48 hours: V-TEST, predicted PM selection 5');
    expect(n?.text).toMatch(/The CMO will select 5 of the 12/);
    expect(n?.text).toMatch(/by the end of Mon 14 Apr 2014 \(one calendar month from the visit\)/);
  });

  it('ESF3 late, month approaching, CPR', () => {
    expect(rendered.find((r) => r.kind === 'esf3-late')?.text).toMatch(/12 working days from the visit/);
    const month = rendered.filter((r) => r.kind === 'month-deadline-approaching');
    expect(month[0]?.text).toMatch(/5 working days left/);
    expect(month[0]?.text).toMatch(/\[selected for the PM\]/);
    const cpr = rendered.find((r) => r.kind === 'unresolved-to-cpr');
    expect(cpr?.subject).toMatch(/^1 ESF2a unresolved at the PM review/);
    expect(cpr?.text).toMatch(/PM review Tue 22 Apr 2014: unresolved/);
  });

  it('all resolved: no CPR notice', () => {
    expect(fullRun('resolved').kinds()).not.toContain('unresolved-to-cpr');
  });

  it('a flagged event has a notice too', () => {
    const f = new Driver(visit({ n: 1 }), OPENED).deliver('2014-03-15T09:00:00Z', {
      id: id(),
      type: 'provider-resolved',
      reference: 'ESF2a-77',
      at: '2014-03-15T09:00:00Z',
      note: 'x',
    });
    const intent = f.sentOf('event-flagged')[0]?.notice;
    expect(intent && complianceNotice(intent).text).toMatch(/visit V-TEST has no ESF2a with that reference/);
    const flagged = intent ? complianceNotice(intent) : { subject: '', text: '' };
    expect(flagged.subject).toBe("Compliance record not acted on: the provider's resolution on V-TEST");
    expect(unreadable(`${flagged.subject}\n${flagged.text}`)).toEqual([]);
  });

  it('the notice at the visit, too, writes dates as a person reads them', () => {
    const opened = openComplianceVisit('cv-1', visit({ n: 2 }), Date.parse(OPENED), config);
    const notices = opened.notices.map((n) => ({ kind: n.kind, ...complianceNotice(n) }));
    expect(notices.map((n) => n.kind)).toEqual(['visit-recorded']);
    for (const n of notices) expect(unreadable(`${n.subject}\n${n.text}`)).toEqual([]);
  });
});
