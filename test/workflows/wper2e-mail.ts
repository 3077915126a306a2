import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoProviderConfig } from '../../domain/config.ts';
import { makeStaffActionHandler } from '../../functions/staff-action/handler.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { LocalSystem } from '../../local/runtime/system.ts';
import { localMailWiring } from '../../local/runtime/wiring.ts';
import type { OutboundMessage } from '../../ports/mail.ts';
import { participant } from './harness.ts';

/**
 * A WPER2E as a District SPoC emails it (the Annex A form as a tab-separated table in the body, as pasted from
 * Word), for tests that need a request with their own dates: invented people, `.example` addresses.
 */
export function wper2eMail(o: {
  messageId: string;
  /** The Date header (RFC 5322). */
  date: string;
  /** As printed on the form, dd/mm/yyyy. */
  requestDate: string;
  ninos?: string[];
  from?: string;
  subject?: string;
  /** A line of the District SPoC's own before the form. */
  note?: string;
}): Buffer {
  const rows = (o.ninos ?? ['JT123456A', 'KP654321B']).map((nino, i) => `${i + 1}\t${nino}\tJSA\t\tLeeds City`);
  return Buffer.from(
    [
      `From: ${o.from ?? 'district-spoc.north@jcp.example'}`,
      'To: exit-reports@provider.example',
      `Subject: ${o.subject ?? 'Work Programme Exit Report Request'}`,
      `Message-ID: <${o.messageId}>`,
      `Date: ${o.date}`,
      'Disposition-Notification-To: district-spoc.north@jcp.example',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Dear Provider SPoC,',
      '',
      ...(o.note ? [o.note, ''] : []),
      'Work Programme Provider Exit Report Request - Electronic WPER2E',
      '',
      'Provider Name:\tAvanta\tDistrict/Jobcentre:\tWest Yorkshire',
      `Request Date:\t${o.requestDate}`,
      'Return email address:\tdistrict-spoc.north@jcp.example',
      '',
      '\tNiNo\tBenefit Type\tEnd Date\tJobcentre',
      ...rows,
      '',
      'Kind regards',
      'District SPoC (North)',
      '',
    ].join('\r\n'),
  );
}

/**
 * A local system with real inbound mail (the inbox folder, the handler, the real notices) on a virtual clock from
 * 3 Jan 2024, two participants referred that day (JT123456A, KP654321B: day 714 is Wed 17 Dec 2025), and a mailer
 * that records what went. For the tests of what mail does to cases (para 39, paras 46–50).
 */
export async function startMailSystem(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const clock = new VirtualClock('2024-01-03T08:00:00Z');
  const sent: Array<{ intentId: string; to: string[]; text: string }> = [];
  const wiring = localMailWiring({ dataDir: dir, config: demoProviderConfig, clock });
  const system = await LocalSystem.start({
    ...wiring,
    clock,
    mailer: {
      async send(message: OutboundMessage) {
        sent.push({ intentId: message.intentId, to: message.to, text: message.raw.toString('utf8') });
        return { messageId: `<${message.intentId}@local>` };
      },
    },
  });
  const cases = new Map<string, string>();
  for (const nino of ['JT123456A', 'KP654321B']) {
    cases.set(nino, await system.refer(participant({ nino, referralDate: '2024-01-03' })));
  }
  return {
    clock,
    system,
    sent,
    cases,
    staff: makeStaffActionHandler(system.deps),
    at: (iso: string) => clock.advanceTo(Date.parse(iso)),
    async inject(key: string, raw: Buffer) {
      await wiring.rawMail.store(key, raw);
      const outcome = await system.handleInboundMail({ messageKey: key });
      await clock.settle();
      return outcome;
    },
    record: async (nino: string) => (await system.exitReports.get(cases.get(nino) as string)).record,
    /** The message's outcome item: what the console's Inbound mail page lists (its flags), and what it keeps. */
    async outcomeOf(messageKey: string): Promise<Record<string, unknown>> {
      const listed = (await system.cases.inboundMessages()).find((m) => m.messageKey === messageKey);
      return { ...(await system.cases.getMessage(listed?.key ?? '')), ...listed };
    },
    async stop() {
      await system.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
