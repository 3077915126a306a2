import { type Json, nino } from './common.ts';

/**
 * A CMO visit (memo 147) on Friday 31 January 2025, ending 15:00: 8 ESF2a actions; evidence for 2 within the
 * 48 hours leaves 6 outstanding (5 selected); the ESF3 never arrives (flagged late); the calendar month ends Fri
 * 28 February; at the PM visit on 10 March 4 are resolved and 1 goes to the Contract Performance Review.
 */
export function complianceVisitStory(): { visits: Json[]; events: Json[] } {
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

  return { visits, events: visitEvents };
}
