import { EARLY_COMPLETION_REASONS } from '../../domain/exit-report/case.ts';
import type { Permission, StaffUser } from '../roles.ts';

/**
 * The forms a case page offers, per process and stage. Each builds the staff-action input from what was typed
 * and who is signed in (the `recordedBy`/`confirmedBy`/`by` of the schema is always the signed-in user); the
 * staff-action schema then validates it.
 */
export interface FormField {
  name: string;
  label: string;
  hint?: string;
  options?: Array<[string, string]>;
  date?: boolean;
}

export interface CaseActionForm {
  id: string;
  process: string;
  title: string;
  permission: Permission;
  stages: readonly string[];
  fields: FormField[];
  build(
    values: Record<string, string>,
    user: StaffUser,
    caseId: string,
    record: Record<string, unknown>,
  ): Record<string, unknown>;
}

const DATE_HINT = 'For example, 27/03/2026';
const date = (name: string, label: string): FormField => ({ name, label, hint: DATE_HINT, date: true });
const OPEN_REQUEST = ['report-due', 'overdue', 'wper3-received', 'escalated'];
const SESSION_OPEN = ['session-due', 'did-not-attend'];

export const CASE_ACTION_FORMS: readonly CaseActionForm[] = [
  {
    id: 'confirm-sent',
    process: 'exit-report',
    title: 'Record the Exit Report sent by the clerical route',
    permission: 'exit-report',
    stages: OPEN_REQUEST,
    fields: [date('sentDate', 'Date the report was sent')],
    build: (v, user, caseId) => ({
      action: 'confirm-sent',
      case: { caseId },
      sentDate: v.sentDate,
      confirmedBy: user.email,
    }),
  },
  {
    id: 'early-completion',
    process: 'exit-report',
    title: 'Record an early completion',
    permission: 'exit-report',
    stages: ['awaiting-request'],
    fields: [
      {
        name: 'reason',
        label: 'Reason (para 10)',
        options: EARLY_COMPLETION_REASONS.map((r) => [r, r.replace(/-/g, ' ')]),
      },
      date('date', 'Completion date (for a deceased participant, the date of death)'),
    ],
    build: (v, _user, caseId) => ({ action: 'early-completion', case: { caseId }, reason: v.reason, date: v.date }),
  },
  {
    id: 'session-outcome',
    process: 'information-session',
    title: 'Record the Information Session outcome',
    permission: 'information-session',
    stages: SESSION_OPEN,
    fields: [
      {
        name: 'outcome',
        label: 'Outcome',
        options: [
          ['attended', 'Attended'],
          ['did-not-attend', 'Did not attend'],
        ],
      },
      date('sessionDate', 'Session date'),
    ],
    build: (v, user, caseId) => ({
      action: 'information-session',
      case: { caseId },
      fact: { type: 'session-outcome', outcome: v.outcome, sessionDate: v.sessionDate, recordedBy: user.email },
    }),
  },
  {
    id: 'session-arranged',
    process: 'information-session',
    title: 'Record a session arranged',
    permission: 'information-session',
    stages: SESSION_OPEN,
    fields: [date('sessionDate', 'Session date')],
    build: (v, user, caseId) => ({
      action: 'information-session',
      case: { caseId },
      fact: { type: 'session-arranged', sessionDate: v.sessionDate, recordedBy: user.email },
    }),
  },
  {
    id: 'prap-cancelled',
    process: 'information-session',
    title: "Confirm the referral cancelled on PRaP as 'Did Not Start'",
    permission: 'information-session',
    stages: ['cancel-due'],
    fields: [date('cancelledOn', 'Date cancelled on PRaP')],
    build: (v, user, caseId) => ({
      action: 'information-session',
      case: { caseId },
      fact: { type: 'prap-cancelled', cancelledOn: v.cancelledOn, confirmedBy: user.email },
    }),
  },
  {
    id: 'attachment-recorded',
    process: 'information-session',
    title: 'Record the attachment on PRaP',
    permission: 'information-session',
    stages: ['attachment-due'],
    fields: [
      {
        name: 'referralType',
        label: 'Referral attached to',
        options: [
          ['work-programme', 'Work Programme'],
          ['information-session', 'Information Session'],
        ],
      },
      date('attachedOn', 'Date attached'),
    ],
    build: (v, user, caseId) => ({
      action: 'information-session',
      case: { caseId },
      fact: {
        type: 'attachment-recorded',
        referralType: v.referralType,
        attachedOn: v.attachedOn,
        recordedBy: user.email,
      },
    }),
  },
  {
    id: 'esf3-received',
    process: 'compliance',
    title: 'Record the ESF3 report received',
    permission: 'compliance',
    stages: ['evidence-window', 'provider-action', 'awaiting-pm-review', 'awaiting-esf3'],
    fields: [date('receivedDate', 'Date received')],
    build: (v, _user, caseId) => ({
      action: 'compliance',
      visit: { caseId },
      fact: { type: 'esf3-received', receivedDate: v.receivedDate },
    }),
  },
  {
    id: 'pm-visit-arranged',
    process: 'compliance',
    title: "Record the Performance Manager's visit arranged",
    permission: 'compliance',
    stages: ['provider-action', 'awaiting-pm-review'],
    fields: [date('visitDate', 'Visit date')],
    build: (v, _user, caseId) => ({
      action: 'compliance',
      visit: { caseId },
      fact: { type: 'pm-visit-arranged', visitDate: v.visitDate },
    }),
  },
  {
    id: 'mi-send',
    process: 'mi-return',
    title: 'Send the return now',
    permission: 'mi-return',
    stages: ['due', 'failed'],
    fields: [],
    build: (_v, user, _caseId, record) => ({
      action: 'mi-return',
      month: record.reportingMonth,
      request: 'send',
      by: user.email,
    }),
  },
  {
    id: 'mi-refresh',
    process: 'mi-return',
    title: 'Send a refreshed return for this month',
    permission: 'mi-return',
    stages: ['sent', 'closed'],
    fields: [{ name: 'reason', label: 'Why it is sent again' }],
    build: (v, user, _caseId, record) => ({
      action: 'mi-return',
      month: record.reportingMonth,
      request: 'refresh',
      by: user.email,
      reason: v.reason || undefined,
    }),
  },
];

export function formsFor(process: string, stage: string): CaseActionForm[] {
  return CASE_ACTION_FORMS.filter((f) => f.process === process && f.stages.includes(stage));
}
