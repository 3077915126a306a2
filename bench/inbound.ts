import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeReadReceipt } from '../adapters/mail/compose.ts';
import { VirtualClock } from '../local/runtime/clock.ts';
import { LocalSystem } from '../local/runtime/system.ts';
import { LocalInbox } from '../local/runtime/wiring.ts';
import { plainMailWiring } from './plain-wiring.ts';
import type { BenchRow } from './types.ts';

const ROWS = 40;

const nino = (i: number) => `WP${String(200000 + i).padStart(6, '0')}B`;

/** A WPER2E as a District SPoC's mail client sends it: 40 rows in a plain-text table. */
export function wper2eEmail(n: number, firstParticipant: number, requestDate: string): Buffer {
  const rows = Array.from(
    { length: ROWS },
    (_, r) => `${r + 1}\t${nino(firstParticipant + r)}\tJSA\t31/12/2025\tNorthtown`,
  );
  const [y, m, d] = requestDate.split('-');
  return Buffer.from(
    [
      'From: North District SPoC <district-spoc.north@jcp.example>',
      'To: exit-reports@provider.example',
      'Subject: Work Programme Exit Report Request',
      `Date: Wed, 17 Dec 2025 10:00:00 +0000`,
      `Message-ID: <bench-${n}@jcp.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Provider Name: Avanta\tDistrict/Jobcentre: North District',
      `Request Date: ${d}/${m}/${y}`,
      'Return email address: district-spoc.north@jcp.example',
      '',
      '\tNiNo\tBenefit Type\tEnd Date\tJobcentre',
      ...rows,
      '',
    ].join('\r\n'),
  );
}

/**
 * Inbound emails per second through the whole handler: parse the MIME and the form, check the sender, record
 * the message once, find each participant's case, put the request in its inbox and wake its workflow.
 */
export async function benchInbound(emails = 25): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wp-bench-inbound-'));
  const clock = new VirtualClock('2025-12-17T10:05:00Z');
  const inbox = new LocalInbox(dir);
  const system = await LocalSystem.start({ ...plainMailWiring(), clock, rawMail: inbox, composeReadReceipt });
  try {
    for (let i = 0; i < emails * ROWS; i++) {
      await system.refer({
        nino: nino(i),
        referralDate: '2024-01-03',
        division: 'england-and-wales',
        contract: 'CPA-18-0001',
        scr: false,
        subContractor: null,
        caseworkerEmail: 'caseworker@provider.example',
      });
    }
    await clock.settle();
    for (let n = 0; n < emails; n++) await inbox.store(`bench-${n}`, wper2eEmail(n, n * ROWS, '2025-12-17'));
    const start = performance.now();
    let actioned = 0;
    for (let n = 0; n < emails; n++) {
      const outcome = await system.handleInboundMail({ messageKey: `bench-${n}` });
      actioned += outcome.actioned;
    }
    const seconds = (performance.now() - start) / 1000;
    await clock.settle();
    return [
      {
        measure: `inbound: WPER2E emails of ${ROWS} records, parse + check + store + signal`,
        value: emails / seconds,
        unit: 'emails/s',
        note: `${emails} emails, ${actioned} of ${emails * ROWS} participants actioned; ${Math.round((seconds * 1000) / emails)} ms per email, mostly the ${ROWS} case look-ups and inbox writes`,
      },
    ];
  } finally {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
