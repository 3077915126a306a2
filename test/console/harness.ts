import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { StaffUser } from '../../console/roles.ts';
import { demoProviderConfig, type ProviderConfig } from '../../domain/config.ts';
import { type LiveSystem, startLive } from '../../local/live.ts';
import { VirtualClock } from '../../local/runtime/clock.ts';

/** The live local system with its console, on a virtual clock, in a fresh data folder. */
export interface ConsoleHarness {
  live: LiveSystem;
  base: string;
  /** The data folder (outbox/ holds the mail sent). */
  dir: string;
  /** What the live system logged (console refusals and failures included). */
  logged: string[];
  /** A fresh one-time sign-in link for the first demo user holding that role. */
  linkFor(role: StaffUser['roles'][number]): string;
  userFor(role: StaffUser['roles'][number]): StaffUser;
  stop(): Promise<void>;
}

export async function startConsoleHarness(
  now = '2026-03-02T10:00:00Z',
  config: ProviderConfig = demoProviderConfig,
): Promise<ConsoleHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'wp-console-'));
  const logged: string[] = [];
  const live = await startLive({
    log: (line) => logged.push(line),
    dataDir: dir,
    config,
    smtpPort: 0,
    httpPort: 0,
    clock: new VirtualClock(now),
  });
  const find = (role: string) => {
    const link = live.consoleSignInLinks.find((l) => l.user.roles.includes(role as StaffUser['roles'][number]));
    if (!link) throw new Error(`no demo user with role ${role}`);
    return link;
  };
  return {
    live,
    base: `http://127.0.0.1:${live.httpPort}`,
    logged,
    dir,
    linkFor: (role) => live.issueConsoleLink(find(role).user),
    userFor: (role) => find(role).user,
    async stop() {
      await live.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through a one-time link with fetch; the session cookie to send with later requests. */
export async function signIn(link: string): Promise<string> {
  const res = await fetch(link, { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(';')[0] as string;
}

/** The CSRF token of the first form on a page. */
export function csrfOf(pageHtml: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(pageHtml);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1] as string;
}

/** Sends a raw message to the live system's SMTP port, as a District SPoC's mail server would. */
export async function sendToLive(h: ConsoleHarness, raw: Buffer, from: string): Promise<void> {
  const transport = createTransport({ host: '127.0.0.1', port: h.live.smtpPort, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from, to: ['exit-reports@provider.example'] }, raw });
  } finally {
    transport.close();
  }
  await h.live.inboundDrained();
}
