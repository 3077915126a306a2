/**
 * A child process for test/faults/smtp-kill-restart.test.ts: the live system (local/live.ts) on a data folder, on
 * a virtual clock that stands still (the burst happens on one day), with real SMTP on a free loopback port.
 *
 * Usage: tsx smtp-live-child.ts <dir> prepare <participants>   refer the participants, settle, stop cleanly
 *        tsx smtp-live-child.ts <dir> serve <n>                serve; SIGKILL itself at the n-th storage write from
 *                                                             now on (odd n: before it is stored, even n: after)
 *        tsx smtp-live-child.ts <dir> check                    start again (handling what was left pending), settle,
 *                                                             write <dir>/check.json, stop cleanly
 * `serve` prints one line `{"smtpPort":…}` once it listens.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseTable } from '../../adapters/store/case-table.ts';
import { demoProviderConfig } from '../../domain/config.ts';
import { startLive } from '../../local/live.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';
import { participant } from '../workflows/harness.ts';

const [dir, mode, arg] = process.argv.slice(2) as [string, 'prepare' | 'serve' | 'check', string?];
export const BURST_DAY = '2025-12-17T10:05:00Z';
const clock = new VirtualClock(BURST_DAY);
let armed = false;
let writes = 0;
const killAt = mode === 'serve' ? Number(arg) : 0;

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('killed');
}

function killingAtWrite(table: CaseTable): CaseTable {
  const counted =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (!armed) return write(...args);
      writes++;
      if (writes !== killAt) return write(...args);
      if (killAt % 2 === 1) die();
      try {
        return await write(...args);
      } finally {
        die();
      }
    };
  return Object.assign(Object.create(table) as CaseTable, {
    put: counted(table.put.bind(table)),
    update: counted(table.update.bind(table)),
    delete: counted(table.delete.bind(table)),
  });
}

/** The NINO of the i-th participant (0-based): AB000001A, AB000002A, … */
export const ninoOf = (i: number) => `AB${String(i + 1).padStart(6, '0')}A`;

const live = await startLive({
  dataDir: dir,
  config: demoProviderConfig,
  smtpPort: 0,
  httpPort: 0,
  clock,
  wrapStorage: killingAtWrite,
});

if (mode === 'prepare') {
  const count = Number(arg);
  for (let i = 0; i < count; i++) {
    await live.system.refer(participant({ nino: ninoOf(i), referralDate: '2024-01-03' }));
  }
  await clock.settle();
  await live.stop();
} else if (mode === 'serve') {
  await clock.settle();
  armed = true;
  process.stdout.write(`${JSON.stringify({ smtpPort: live.smtpPort })}\n`);
  // Serve until killed (by its own kill point, or by the parent after the burst).
} else {
  await live.inboundDrained();
  await clock.settle();
  const acked = JSON.parse(readFileSync(join(dir, 'acked.json'), 'utf8')) as Array<{
    messageId: string;
    ninos: string[];
  }>;
  const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  const messages: Record<string, string | null> = {};
  for (const { messageId } of acked) {
    const record = await live.system.cases.getMessage(sha(messageId));
    messages[messageId] = (record?.status as string | undefined) ?? null;
  }
  const cases: Record<string, { stage: string; requestDate: string | null }> = {};
  for await (const { record } of live.system.exitReports.all()) {
    cases[record.participant.nino] = { stage: record.stage, requestDate: record.request?.requestDate ?? null };
  }
  const pendingDir = join(dir, 'inbox-pending');
  const pendingLeft = existsSync(pendingDir)
    ? readdirSync(pendingDir).filter((name) => !name.startsWith('.partial-')).length
    : 0;
  writeFileSync(
    join(dir, 'check.json'),
    JSON.stringify({ resumedMessages: live.resumedMessages, pendingLeft, messages, cases }),
  );
  await live.stop();
}
