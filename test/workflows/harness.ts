import type { CaseTable } from '../../adapters/store/case-table.ts';
import type { ProviderConfig } from '../../domain/config.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import type { CaseEvent, ExitReportCase, Participant } from '../../domain/exit-report/case.ts';
import type { ExitReportDocument } from '../../domain/exit-report/types.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import type { ExecutionRecord } from '../../local/runtime/step-functions.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import type { OutboundMessage } from '../../ports/mail.ts';

/** A sent message as the tests see it: who, and the notice kind or subject with the facts. */
export interface SentMail {
  at: string;
  intentId: string;
  to: string[];
  body: string;
  /** The raw message as sent (MIME). */
  raw: Buffer;
}

/**
 * A local system on a virtual clock, with a mailer that records what was sent. Rendering and composing are
 * simple here (the subject is the notice kind, the body its facts as JSON) so the tests read the workflow's
 * decisions; the real renderers and MIME are tested on their own and end to end.
 */
export async function startHarness(
  start: string,
  options: {
    config?: ProviderConfig;
    storagePath?: string;
    /** A failure the mail service answers a message with (a permanent refusal, or a throttle). */
    failSend?: (message: OutboundMessage) => Error | undefined;
    /** A wrapper over the store (fault injection, or an interleaving a test forces). */
    wrapStorage?: (table: CaseTable) => CaseTable;
  } = {},
) {
  const clock = new VirtualClock(start);
  const sent: SentMail[] = [];
  const stopped: ExecutionRecord[] = [];
  const system = await LocalSystem.start({
    clock,
    config: options.config ?? demoProviderConfig,
    storagePath: options.storagePath,
    wrapStorage: options.wrapStorage,
    mailer: {
      async send(message: OutboundMessage) {
        const failure = options.failSend?.(message);
        if (failure) throw failure;
        sent.push({
          at: new Date(clock.now()).toISOString(),
          intentId: message.intentId,
          to: message.to,
          body: message.raw.toString('utf8'),
          raw: message.raw,
        });
        return { messageId: `<${message.intentId}@local>` };
      },
    },
    renderNotice: (intent) => ({ subject: intent.kind, text: JSON.stringify(intent.facts) }),
    composeNotice: async (n) => Buffer.from(`Subject: ${n.subject}\r\n\r\n${n.text}`),
    checkReport: (doc) =>
      doc.summary.includes('religion')
        ? { ok: false, problems: ['Mentions religious beliefs.'] }
        : { ok: true, problems: [] },
    composeExitReport: async ({ to, report }) =>
      Buffer.from(
        `Subject: Work Programme Exit Report\r\nTo: ${to}\r\n\r\n${report.nino}${report.notRequired ? ' not appropriate' : ''}`,
      ),
    onExecutionStopped: (r) => stopped.push({ ...r }),
  });
  return {
    system,
    clock,
    sent,
    stopped,
    at: (iso: string) => clock.advanceTo(Date.parse(iso)),
    async record(caseId: string): Promise<ExitReportCase> {
      return (await system.exitReports.get(caseId)).record;
    },
    async deliver(caseId: string, event: CaseEvent) {
      await system.deliver(caseId, event);
      await clock.settle();
    },
    sentTo: (kindOrSubject: string) => sent.filter((m) => m.body.startsWith(`Subject: ${kindOrSubject}`)),
    async stop() {
      await system.stop();
    },
  };
}

export function participant(overrides: Partial<Participant> = {}): Participant {
  return {
    nino: 'AB123456C',
    referralDate: '2024-01-03',
    division: 'england-and-wales',
    contract: 'CPA-18-0001',
    scr: false,
    subContractor: null,
    caseworkerEmail: 'caseworker@provider.example',
    ...overrides,
  };
}

/** A complete, valid Exit Report as a caseworker submits it (invented person). */
export function exitReportDocument(overrides: Partial<ExitReportDocument> = {}): ExitReportDocument {
  return {
    firstName: 'Alex',
    surname: 'Example',
    nino: 'AB123456C',
    participantDetails: 'Alex Example AB123456C',
    summary: 'CV workshop and a work trial completed.',
    workAndReasons: 'Work experience in May 2025 for four weeks.',
    nextSteps: 'Refer to a sector-based work academy.',
    furtherInformation: null,
    notRequired: false,
    ...overrides,
  };
}

/** Stores a submitted report on the case and delivers the event that asks the workflow to send it. */
export async function submitReport(
  h: { system: LocalSystem; deliver(caseId: string, event: CaseEvent): Promise<void>; clock: VirtualClock },
  caseId: string,
  id: string,
  document: ExitReportDocument = exitReportDocument(),
): Promise<void> {
  await h.system.cases.putCaseAttachment(caseId, `SUBMISSION#${id}`, { document }, 2_000_000_000);
  await h.deliver(caseId, {
    id,
    type: 'report-submitted',
    submittedAt: new Date(h.clock.now()).toISOString(),
    messageId: `<${id}@provider.example>`,
    submissionKey: `SUBMISSION#${id}`,
  });
}

export function wper2e(
  requestDate: string,
  receivedAt: string,
  extra: Partial<Extract<CaseEvent, { type: 'exit-report-request' }>> = {},
): CaseEvent {
  return {
    id: `request:${requestDate}`,
    type: 'exit-report-request',
    form: 'WPER2E',
    requestDate,
    receivedAt,
    messageId: `<wper2e-${requestDate}@jcp.example>`,
    returnEmail: 'district-spoc.north@jcp.example',
    printedDeadline: null,
    ...extra,
  };
}
