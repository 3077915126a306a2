import { londonDateOf } from '../calendar/london.ts';
import type { ProviderConfig } from '../config.ts';
import { computeDeadline, type Deadline } from '../deadlines/rules.ts';
import {
  type AuditEntry,
  type CaseEvent,
  type ExitReportCase,
  iso,
  type SubContractorRecord,
  withAudit,
} from './case.ts';
import type { ExitReportNoticeIntent } from './notice-intents.ts';
import type { Transition } from './timers.ts';

/**
 * Sub-contractors (CPA 18 ch.10 paras 42–44, 72): a request's participants attached to a sub-contractor are
 * forwarded to it, each sub-contractor only its own participants, one record per email from the designated
 * inbox to its designated inbox; where and when each went is kept three months. A row sent to the wrong
 * sub-contractor: it is emailed to delete the record, and the actions are kept three months.
 */

type SubContractor = ProviderConfig['subContractors'][number];

function subContractorOf(config: ProviderConfig, id: string | null): SubContractor | undefined {
  return id === null ? undefined : config.subContractors.find((s) => s.id === id);
}

function keepUntil(now: number, c: ExitReportCase): string {
  return computeDeadline('retention', londonDateOf(new Date(now)), c.participant.division).due;
}

/**
 * What recording a request adds for a participant attached to a sub-contractor: the forward (one record, one
 * email) and its record. Nothing for the provider's own participants, and nothing by email for an SCR participant
 * or a request that came on paper (those go by the clerical route).
 */
export function forwardToSubContractor(
  c: ExitReportCase,
  request: { requestDate: string; form: string },
  deadline: Deadline,
  now: number,
  config: ProviderConfig,
): { records: SubContractorRecord[]; notices: ExitReportNoticeIntent[]; audit: Omit<AuditEntry, 'at'>[] } {
  const id = c.participant.subContractor;
  if (id === null || c.participant.scr || request.form === 'WPER2') return { records: [], notices: [], audit: [] };
  const sc = subContractorOf(config, id);
  if (!sc) {
    return {
      records: [],
      notices: [
        {
          intentId: `${c.caseId}:sub-contractor-unknown@${c.cycle + 1}`,
          kind: 'event-flagged',
          to: [config.provider.spocLeadAddress],
          facts: {
            eventType: 'exit-report-request',
            reason: `The participant is attached to sub-contractor ${id}, which is not a configured sub-contractor with a designated inbox: the request was not forwarded. Send it by an approved route (para 43).`,
          },
        },
      ],
      audit: [
        { what: 'not forwarded to sub-contractor', detail: `Sub-contractor ${id} is not configured.`, flag: true },
      ],
    };
  }
  const cycle = c.cycle + 1;
  const until = keepUntil(now, c);
  return {
    records: [{ what: 'forwarded', subContractor: sc.id, inbox: sc.inbox, cycle, at: iso(now), keepUntil: until }],
    notices: [
      {
        intentId: `${c.caseId}:sub-contractor-forward@${cycle}`,
        kind: 'sub-contractor-forward',
        to: [sc.inbox],
        facts: {
          subContractor: sc.name,
          nino: c.participant.nino,
          requestDate: request.requestDate,
          deadline,
          submissionAddress: config.provider.submissionAddress,
        },
      },
    ],
    audit: [
      {
        what: 'forwarded to sub-contractor',
        detail: `This participant's row only, to ${sc.name} (${sc.inbox}); record kept until ${until} (para 42).`,
      },
    ],
  };
}

type Misdirected = Extract<CaseEvent, { type: 'sub-contractor-misdirected' }>;

/** A row sent to the wrong sub-contractor: ask it to delete the record; keep the actions three months (para 44). */
export function recordSubContractorError(
  c: ExitReportCase,
  e: Misdirected,
  now: number,
  config: ProviderConfig,
  consumed: ExitReportCase,
): Transition {
  const sc = subContractorOf(config, e.subContractor);
  const until = keepUntil(now, c);
  const inbox = sc?.inbox ?? 'unknown';
  const record: SubContractorRecord = {
    what: 'sent-to-wrong-sub-contractor',
    subContractor: e.subContractor,
    inbox,
    cycle: c.cycle,
    at: e.recordedAt,
    recordedBy: e.recordedBy,
    keepUntil: until,
  };
  const next = { ...consumed, subContractorRecords: [...(c.subContractorRecords ?? []), record] };
  const notices: ExitReportNoticeIntent[] = sc
    ? [
        {
          intentId: `${c.caseId}:sub-contractor-deletion:${e.id}`,
          kind: 'sub-contractor-deletion-request',
          to: [sc.inbox],
          facts: { subContractor: sc.name, nino: c.participant.nino, requestDate: c.request?.requestDate ?? null },
        },
      ]
    : [];
  return {
    case: withAudit(next, now, [
      {
        what: 'sent to the wrong sub-contractor',
        detail: sc
          ? `Recorded by ${e.recordedBy}: ${sc.name} (${sc.inbox}) emailed to delete the record; kept until ${until} (para 44).`
          : `Recorded by ${e.recordedBy}: ${e.subContractor} is not a configured sub-contractor, so no deletion request could be emailed: alert it another way (para 44).`,
        flag: true,
      },
    ]),
    notices,
    metrics: [],
  };
}
