import { describe, expect, it } from 'vitest';
import { formatLondonDateTime } from '../../domain/calendar/london.ts';
import {
  applyEvent,
  complianceFigures,
  EXECUTION_LIFETIME_MS,
  openComplianceCase,
  planNextStep,
} from '../../domain/compliance/lifecycle.ts';
import { computeDeadline } from '../../domain/deadlines/rules.ts';
import { config, Driver, id, visit } from './driver.ts';

// Friday 14 March 2014, visit ends 16:30 GMT: the window closes Sunday 16 March 16:30.
const OPENED = '2014-03-14T17:00:00Z';
const WINDOW_END = '2014-03-16T16:30:00.000Z';

function refs(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `ESF2a-${String(i + 1).padStart(2, '0')}`);
}

describe('48-hour additional evidence window', () => {
  it('evidence within 48 hours closes an action for selection; reminders go before the window closes', () => {
    const d = new Driver(visit({ n: 3 }), OPENED);
    expect(d.c.deadlines.evidenceWindow.dueAt).toBe(WINDOW_END);
    d.deliver('2014-03-15T10:00:00Z', {
      id: id(),
      type: 'evidence-recorded',
      reference: 'ESF2a-01',
      recordedAt: '2014-03-15T10:00:00Z',
      note: 'Signed Action Plan found in the archive',
    });
    expect(d.status('ESF2a-01')).toBe('evidence-accepted');
    d.runUntil('2014-03-17T00:00:00Z');
    const reminders = d.sentOf('evidence-window-closing');
    expect(reminders.map((s) => s.at)).toEqual(['2014-03-15T16:30:00.000Z', '2014-03-16T12:30:00.000Z']);
    expect(reminders[1]?.notice.facts.actions).toHaveLength(2);
    const closed = d.sentOf('outstanding-and-selection');
    expect(closed.map((s) => s.at)).toEqual([WINDOW_END]);
    expect(closed[0]?.notice.facts.prediction).toEqual({ outstanding: 2, size: 2, all: true });
    expect(d.c.prediction?.certain).toEqual(['ESF2a-02', 'ESF2a-03']);
    expect(d.c.stage).toBe('provider-action');
  });

  it('evidence after the window is kept as a progress note; the action stays outstanding', () => {
    const d = new Driver(visit({ n: 3 }), OPENED);
    d.deliver('2014-03-17T09:00:00Z', {
      id: id(),
      type: 'evidence-recorded',
      reference: 'ESF2a-02',
      recordedAt: '2014-03-17T09:00:00Z',
      note: 'Late evidence',
    });
    const a = d.c.actions.find((x) => x.reference === 'ESF2a-02');
    expect(a?.status).toBe('outstanding');
    expect(a?.progressNotes.map((n) => n.note)).toEqual(['Late evidence']);
    expect(d.c.audit.at(-1)?.flag).toBe(true);
  });

  it('evidence recorded in time but applied after the close recounts the prediction', () => {
    const d = new Driver(visit({ n: 1 }), OPENED).runUntil('2014-03-16T17:00:00Z');
    expect(d.c.prediction?.size).toBe(1);
    d.deliver('2014-03-16T17:00:00Z', {
      id: id(),
      type: 'evidence-recorded',
      reference: 'ESF2a-01',
      recordedAt: '2014-03-16T16:00:00Z',
      note: 'Emailed before the close',
    });
    expect(d.c.prediction?.size).toBe(0);
    expect(d.c.stage).toBe('awaiting-esf3');
  });

  it('a visit ending late on a Friday: 48 clock hours across the weekend (Sunday), not working hours', () => {
    const c = openComplianceCase(
      'C',
      visit({ visitDate: '2024-06-14', endTime: '22:45' }),
      Date.parse('2024-06-14T22:00:00Z'),
    );
    expect(c.deadlines.evidenceWindow.dueAt).toBe('2024-06-16T21:45:00.000Z');
    expect(formatLondonDateTime(c.deadlines.evidenceWindow.dueAt)).toBe('Sun 16 Jun 2024 22:45 Europe/London (BST)');
  });

  it('across the autumn clock change: 48 elapsed hours end an hour earlier on the wall clock', () => {
    const c = openComplianceCase(
      'C',
      visit({ visitDate: '2024-10-25', endTime: '17:00' }),
      Date.parse('2024-10-25T16:30:00Z'),
    );
    expect(c.deadlines.evidenceWindow.dueAt).toBe('2024-10-27T16:00:00.000Z');
    expect(formatLondonDateTime(c.deadlines.evidenceWindow.dueAt)).toBe('Sun 27 Oct 2024 16:00 Europe/London (GMT)');
  });

  it('across the spring clock change: an hour later on the wall clock', () => {
    const c = openComplianceCase(
      'C',
      visit({ visitDate: '2024-03-29', endTime: '17:00' }),
      Date.parse('2024-03-29T16:30:00Z'),
    );
    expect(formatLondonDateTime(c.deadlines.evidenceWindow.dueAt)).toBe('Sun 31 Mar 2024 18:00 Europe/London (BST)');
  });
});

describe('outstanding actions and the PM selection', () => {
  it('3 outstanding: all selected (predicted exactly, and the handover agrees)', () => {
    const d = new Driver(visit({ n: 3 }), OPENED).runUntil('2014-03-17T00:00:00Z');
    expect(d.c.prediction).toMatchObject({ size: 3, all: true, certain: refs(3) });
    d.deliver('2014-03-20T10:00:00Z', {
      id: id(),
      type: 'cmo-handover',
      receivedAt: '2014-03-20T10:00:00Z',
      selected: refs(3),
    });
    expect(complianceFigures(d.c).selectedForPm).toBe(3);
    expect(d.c.audit.some((e) => e.what === 'selection differs from prediction')).toBe(false);
  });

  it('12 outstanding: 5 predicted (min(12, 5), not 20% of 12); the actual selection is recorded from the handover', () => {
    const d = new Driver(visit({ n: 12 }), OPENED).runUntil('2014-03-17T00:00:00Z');
    expect(d.c.prediction).toMatchObject({ outstanding: 12, size: 5, all: false, certain: [] });
    expect(d.lastMetric('OpenEsf2aActions', { deadline: 'provider-action' })).toBe(12);
    const chosen = ['ESF2a-02', 'ESF2a-04', 'ESF2a-07', 'ESF2a-09', 'ESF2a-11'];
    d.deliver('2014-03-20T10:00:00Z', {
      id: id(),
      type: 'cmo-handover',
      receivedAt: '2014-03-20T10:00:00Z',
      selected: chosen,
    });
    expect(d.c.actions.filter((a) => a.selected).map((a) => a.reference)).toEqual(chosen);
    expect(d.lastMetric('SelectedForPm')).toBe(5);
  });

  it('a handover that differs from the prediction is kept and flagged', () => {
    const d = new Driver(visit({ n: 12 }), OPENED).runUntil('2014-03-17T00:00:00Z');
    d.deliver('2014-03-20T10:00:00Z', {
      id: id(),
      type: 'cmo-handover',
      receivedAt: '2014-03-20T10:00:00Z',
      selected: ['ESF2a-01', 'ESF2a-02', 'ESF2a-99'],
    });
    expect(d.c.handover?.selected).toEqual(['ESF2a-01', 'ESF2a-02']);
    const flags = d.c.audit.filter((e) => e.flag).map((e) => e.what);
    expect(flags).toEqual(['handover names unknown ESF2a', 'selection differs from prediction']);
  });
});

describe('ESF3 report within 12 working days of the visit', () => {
  const due = computeDeadline('esf3-report', '2014-03-14');

  it('flags the ESF3 as late when not received by the end of the 12th working day', () => {
    const d = new Driver(visit({ n: 3 }), OPENED).runUntil('2014-04-10T00:00:00Z');
    const late = d.sentOf('esf3-late');
    expect(late.map((s) => s.at)).toEqual([due.dueAt]);
    expect(d.c.esf3.late).toBe(true);
  });

  it('no flag when the ESF3 arrives in time', () => {
    const d = new Driver(visit({ n: 3 }), OPENED).deliver('2014-03-25T12:00:00Z', {
      id: id(),
      type: 'esf3-received',
      receivedDate: '2014-03-25',
      receivedAt: '2014-03-25T12:00:00Z',
    });
    d.runUntil('2014-04-10T00:00:00Z');
    expect(d.sentOf('esf3-late')).toEqual([]);
    expect(d.c.esf3).toEqual({ receivedDate: '2014-03-25', late: false });
  });
});

describe('one calendar month and the PM review', () => {
  function reviewed(outcome: 'resolved' | 'unresolved' | 'omit') {
    const d = new Driver(visit({ n: 3 }), OPENED);
    d.deliver('2014-03-20T10:00:00Z', {
      id: id(),
      type: 'esf3-received',
      receivedDate: '2014-03-20',
      receivedAt: '2014-03-20T10:00:00Z',
    });
    d.deliver('2014-03-20T11:00:00Z', {
      id: id(),
      type: 'cmo-handover',
      receivedAt: '2014-03-20T11:00:00Z',
      selected: refs(3),
    });
    d.deliver('2014-04-01T09:30:00Z', {
      id: id(),
      type: 'progress-note',
      reference: 'ESF2a-01',
      at: '2014-04-01T09:30:00Z',
      by: 'adviser@provider.example',
      note: 'Participant booked in to sign the Action Plan',
    });
    d.deliver('2014-04-08T09:30:00Z', {
      id: id(),
      type: 'provider-resolved',
      reference: 'ESF2a-02',
      at: '2014-04-08T09:30:00Z',
      note: 'Start date corrected on PRaP',
    });
    d.runUntil('2014-04-20T00:00:00Z');
    d.deliver('2014-04-22T15:00:00Z', {
      id: id(),
      type: 'pm-review',
      visitDate: '2014-04-22',
      recordedAt: '2014-04-22T15:00:00Z',
      outcomes: [
        { reference: 'ESF2a-02', outcome: 'resolved' },
        { reference: 'ESF2a-03', outcome: 'resolved' },
        ...(outcome === 'omit' ? [] : [{ reference: 'ESF2a-01', outcome, note: 'Still unsigned' }]),
      ],
    });
    return d;
  }

  it('shows both dates on every ESF2a and reminds before the month ends (working days, at 09:00)', () => {
    const d = reviewed('resolved');
    const a = d.c.actions[0];
    expect(a?.deadlines.evidenceWindow.dueAt).toBe(WINDOW_END);
    expect(a?.deadlines.providerAction.due).toBe('2014-04-14');
    // 14 Apr 2014 is a Monday: 5 working days before is Mon 7 Apr, 1 before is Fri 11 Apr.
    expect(d.sentOf('month-deadline-approaching').map((s) => s.at)).toEqual([
      '2014-04-07T08:00:00.000Z',
      '2014-04-11T08:00:00.000Z',
    ]);
    expect(d.c.stage).toBe('closed');
  });

  it('resolved before the PM visit: resolved at review, nothing to the CPR', () => {
    const d = reviewed('resolved');
    expect(d.c.actions.map((a) => a.status)).toEqual(['resolved', 'resolved', 'resolved']);
    expect(d.c.cpr).toEqual([]);
    expect(d.sentOf('unresolved-to-cpr')).toEqual([]);
    expect(d.lastMetric('ResolvedAtPmReview')).toBe(3);
  });

  it('unresolved → the Contract Performance Review list, with its history', () => {
    const d = reviewed('unresolved');
    expect(d.status('ESF2a-01')).toBe('escalated-to-cpr');
    expect(d.c.cpr).toHaveLength(1);
    const entry = d.c.cpr[0];
    expect(entry?.history.join('\n')).toMatch(/Participant booked in to sign the Action Plan/);
    expect(entry?.history.at(-1)).toBe('PM review 2014-04-22: unresolved (Still unsigned).');
    const notice = d.sentOf('unresolved-to-cpr')[0]?.notice;
    expect(notice?.to).toEqual(['compliance-lead@provider.example', 'contract-manager@provider.example']);
    expect(JSON.stringify(notice?.facts)).not.toContain('JK100000A');
    expect(d.lastMetric('EscalatedToCpr')).toBe(1);
  });

  it('a selected case with no outcome given is treated as unresolved, and flagged', () => {
    const d = reviewed('omit');
    expect(d.status('ESF2a-01')).toBe('escalated-to-cpr');
    expect(d.c.audit.some((e) => e.what === 'no outcome given' && e.flag)).toBe(true);
  });

  it('a PM review before the month ends is recorded and flagged', () => {
    const d = new Driver(visit({ n: 1 }), OPENED).runUntil('2014-03-20T00:00:00Z');
    d.deliver('2014-04-01T10:00:00Z', {
      id: id(),
      type: 'pm-review',
      visitDate: '2014-04-01',
      recordedAt: '2014-04-01T10:00:00Z',
      outcomes: [{ reference: 'ESF2a-01', outcome: 'resolved' }],
    });
    expect(d.status('ESF2a-01')).toBe('resolved');
    expect(d.c.audit.some((e) => e.what === 'PM review before the month ended')).toBe(true);
  });
});

describe('a visit on 31 January', () => {
  it.each([
    ['2024-01-31', '2024-02-29', 'leap year'],
    ['2023-01-31', '2023-02-28', 'non-leap year'],
    ['2014-01-31', '2014-02-28', 'the memo’s year'],
  ])('%s: one calendar month ends %s (%s)', (visitDate, due) => {
    const c = openComplianceCase('C', visit({ visitDate, endTime: '15:00' }), Date.parse(`${visitDate}T15:30:00Z`));
    expect(c.deadlines.providerAction.due).toBe(due);
    expect(c.actions.every((a) => a.deadlines.providerAction.due === due)).toBe(true);
    expect(c.deadlines.providerAction.explanation.join(' ')).toMatch(/Feb/);
  });

  it('the month reminders fall in February and the PM review opens after it', () => {
    const d = new Driver(visit({ visitDate: '2024-01-31', endTime: '15:00', n: 2 }), '2024-01-31T15:30:00Z');
    d.runUntil('2024-03-01T00:00:00Z');
    expect(d.sentOf('month-deadline-approaching').map((s) => s.at.slice(0, 10))).toEqual(['2024-02-22', '2024-02-28']);
    expect(d.c.stage).toBe('awaiting-pm-review');
    expect(d.lastMetric('OpenEsf2aActions', { deadline: 'pm-review' })).toBe(2);
  });
});

describe('planNextStep', () => {
  it('awaits the next timer with its timeout, hands over before a year, and ends when closed', () => {
    const c = openComplianceCase('C', visit({ n: 1 }), Date.parse(OPENED));
    const now = Date.parse(OPENED);
    const plan = planNextStep(c, now, now, config);
    expect(plan).toMatchObject({ next: 'await', awaiting: 'evidence', afterwards: 'evidence-reminder' });
    if (plan.next === 'await') expect(plan.timeoutSeconds).toBe((Date.parse('2014-03-15T16:30:00Z') - now) / 1000);
    const late = planNextStep(
      { ...c, stage: 'awaiting-pm-review', esf3: { receivedDate: '2014-03-20', late: false } },
      now + EXECUTION_LIFETIME_MS,
      now,
      config,
    );
    expect(late).toEqual({ next: 'continue-as-new', stage: 'awaiting-pm-review' });
    expect(planNextStep({ ...c, stage: 'closed' }, now, now, config)).toEqual({ next: 'end', stage: 'closed' });
  });

  it('records an event before timers; an event for an unknown ESF2a is flagged, a repeat has no effect', () => {
    const c = openComplianceCase('C', visit({ n: 1 }), Date.parse(OPENED));
    const event = { id: 'x1', type: 'progress-note', reference: 'NOPE', at: OPENED, by: 'a', note: 'n' } as const;
    const plan = planNextStep({ ...c, inbox: [event] }, Date.parse(OPENED), Date.parse(OPENED), config);
    expect(plan).toMatchObject({ next: 'record-event', route: 'flag' });
    const t = applyEvent({ ...c, inbox: [event] }, event, Date.parse(OPENED), config);
    expect(t.notices.map((n) => n.kind)).toEqual(['event-flagged']);
    expect(t.case.inbox).toEqual([]);
    expect(applyEvent(t.case, event, Date.parse(OPENED), config).case).toBe(t.case);
  });
});

describe('further evidence', () => {
  it('more evidence for an action already accepted is a progress note, not a late-evidence flag', () => {
    const d = new Driver(visit({ n: 1 }), OPENED);
    for (const at of ['2014-03-15T10:00:00Z', '2014-03-15T11:00:00Z']) {
      d.deliver(at, { id: id(), type: 'evidence-recorded', reference: 'ESF2a-01', recordedAt: at, note: at });
    }
    const a = d.c.actions[0];
    expect(a?.status).toBe('evidence-accepted');
    expect(a?.evidence?.recordedAt).toBe('2014-03-15T10:00:00Z');
    expect(a?.progressNotes).toHaveLength(1);
    expect(d.c.audit.some((e) => e.flag)).toBe(false);
  });
});
