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

/**
 * The Information Session and CMO visit actions: each records one fact on the case, of the type the form is
 * named after, holding the fields as typed and, where the fact names one, the signed-in user as its actor.
 */
const FACT_ACTIONS = {
  'information-session': { action: 'information-session', permission: 'information-session', caseField: 'case' },
  compliance: { action: 'compliance', permission: 'compliance', caseField: 'visit' },
} as const;

function factForm(form: {
  id: string;
  process: keyof typeof FACT_ACTIONS;
  title: string;
  stages: readonly string[];
  fields: FormField[];
  actor?: 'recordedBy' | 'confirmedBy';
}): CaseActionForm {
  const { actor, ...shown } = form;
  const { action, permission, caseField } = FACT_ACTIONS[form.process];
  return {
    ...shown,
    permission,
    build: (v, user, caseId) => ({
      action,
      [caseField]: { caseId },
      fact: {
        type: form.id,
        ...Object.fromEntries(form.fields.map((f) => [f.name, v[f.name]])),
        ...(actor ? { [actor]: user.email } : {}),
      },
    }),
  };
}

export const CASE_ACTION_FORMS: readonly CaseActionForm[] = [
  {
    id: 'confirm-sent',
    process: 'exit-report',
    title: 'Record the Exit Report posted (clerical route)',
    permission: 'exit-report',
    stages: OPEN_REQUEST,
    fields: [date('sentDate', 'Date the report was posted')],
    build: (v, user, caseId) => ({
      action: 'confirm-sent',
      case: { caseId },
      sentDate: v.sentDate,
      confirmedBy: user.email,
    }),
  },
  {
    id: 'clerical-request',
    process: 'exit-report',
    title: 'Record a clerical WPER2 request',
    permission: 'exit-report',
    // SCR participants always, anyone while email is suspended (paras 31-33, 66-67, 87); the handler refuses otherwise.
    stages: ['awaiting-request', 'completed-early'],
    fields: [
      date('requestDate', 'Date of the request'),
      date('printedDeadline', 'Return deadline printed on the WPER2'),
      { name: 'district', label: 'Jobcentre Plus District' },
      { name: 'returnAddress', label: 'Return address on the WPER2' },
    ],
    build: (v, user, caseId) => ({
      action: 'clerical-request',
      case: { caseId },
      requestDate: v.requestDate,
      printedDeadline: v.printedDeadline,
      district: v.district,
      returnAddress: v.returnAddress,
      recordedBy: user.email,
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
  factForm({
    id: 'session-outcome',
    process: 'information-session',
    title: 'Record the Information Session outcome',
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
    actor: 'recordedBy',
  }),
  factForm({
    id: 'session-arranged',
    process: 'information-session',
    title: 'Record a session arranged',
    stages: SESSION_OPEN,
    fields: [date('sessionDate', 'Session date')],
    actor: 'recordedBy',
  }),
  factForm({
    id: 'prap-cancelled',
    process: 'information-session',
    title: "Confirm the referral cancelled on PRaP as 'Did Not Start'",
    stages: ['cancel-due'],
    fields: [date('cancelledOn', 'Date cancelled on PRaP')],
    actor: 'confirmedBy',
  }),
  factForm({
    id: 'attachment-recorded',
    process: 'information-session',
    title: 'Record the attachment on PRaP',
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
    actor: 'recordedBy',
  }),
  factForm({
    id: 'esf3-received',
    process: 'compliance',
    title: 'Record the ESF3 report received',
    stages: ['evidence-window', 'provider-action', 'awaiting-pm-review', 'awaiting-esf3'],
    fields: [date('receivedDate', 'Date received')],
  }),
  factForm({
    id: 'pm-visit-arranged',
    process: 'compliance',
    title: "Record the Performance Manager's visit arranged",
    stages: ['provider-action', 'awaiting-pm-review'],
    fields: [date('visitDate', 'Visit date')],
  }),
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
