import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createConsoleApp } from '../console/app.ts';
import { repositoryAssetRoots } from '../console/assets.ts';
import { demoUsers, OneTimeLinks } from '../console/local-sign-in.ts';
import type { StaffUser } from '../console/roles.ts';
import type { ProviderConfig } from '../domain/config.ts';
import type { ExitReportCase } from '../domain/exit-report/case.ts';
import { checkContinuity } from '../functions/commons/continuity.ts';
import { processes } from '../functions/commons/processes/index.ts';
import { makeStaffActionHandler } from '../functions/staff-action/handler.ts';
import { caseloadStatus } from '../functions/status-report/status.ts';
import { type Clock, RealClock, type TimerHandle } from './runtime/clock.ts';
import { LocalSystem } from './runtime/system.ts';
import { localMailWiring } from './runtime/wiring.ts';
import { startSmtpInbound } from './smtp-inbound.ts';

/**
 * The local system serving live input: case records persisted in the data folder, inbound mail over SMTP on
 * loopback (each raw message stored before it is handled), outbound mail as .eml in the outbox, and a small
 * HTTP endpoint on loopback for `wp status`, a status page and staff actions.
 */
export interface LiveOptions {
  dataDir: string;
  config: ProviderConfig;
  smtpPort: number;
  httpPort: number;
  clock?: Clock;
  log?: (line: string) => void;
  /** Who may sign in to the console (default: one demo user per role, from the provider's addresses). */
  consoleUsers?: StaffUser[];
}

export interface LiveSystem {
  system: LocalSystem;
  smtpPort: number;
  httpPort: number;
  /** One-time console sign-in links, one per user: each signs in once (`npm start` prints them). */
  consoleSignInLinks: Array<{ user: StaffUser; url: string }>;
  /** A fresh one-time link for a console user (`npm start` prints one per user at start). */
  issueConsoleLink(user: StaffUser): string;
  /** Resolves once every message received so far has been handled (or given up on and logged). */
  inboundDrained(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Stored inbound messages waiting to be handled: a few at a time, each tried three times (as SES's asynchronous
 * Lambda invocation is), then left in the inbox with a log line saying how to hand it in again.
 */
class InboundQueue {
  private readonly waiting: Array<{ key: string; to: string[] }> = [];
  private readonly running = new Set<Promise<void>>();
  private idle: Array<() => void> = [];

  constructor(
    private readonly handle: (messageKey: string, envelopeRecipients: string[]) => Promise<void>,
    private readonly log: (line: string) => void,
    private readonly concurrency = 4,
  ) {}

  add(key: string, to: string[]): void {
    this.waiting.push({ key, to });
    this.pump();
  }

  drained(): Promise<void> {
    if (this.waiting.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift() as { key: string; to: string[] };
      const work = this.attempt(next.key, next.to).finally(() => {
        this.running.delete(work);
        this.pump();
        if (this.waiting.length === 0 && this.running.size === 0) {
          for (const resolve of this.idle.splice(0)) resolve();
        }
      });
      this.running.add(work);
    }
  }

  private async attempt(key: string, to: string[]): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await this.handle(key, to);
        return;
      } catch (err) {
        this.log(`mail ${key}: attempt ${attempt} failed: ${(err as Error).message}`);
        if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
    this.log(
      `mail ${key}: not handled after 3 attempts; it is kept in the inbox: npx wp mail inject <file> hands it in again`,
    );
  }
}

export async function startLive(options: LiveOptions): Promise<LiveSystem> {
  const clock = options.clock ?? new RealClock();
  const log = options.log ?? (() => {});
  const wiring = localMailWiring({ dataDir: options.dataDir, config: options.config, clock });
  const system = await LocalSystem.start({
    ...wiring,
    clock,
    storagePath: join(options.dataDir, 'store'),
    keepFinishedExecutions: false,
  });
  const inbound = new InboundQueue(async (messageKey, envelopeRecipients) => {
    const outcome = await system.handleInboundMail({ messageKey, envelopeRecipients });
    log(
      `mail ${messageKey}: ${outcome.status} ${outcome.kind}${outcome.reason ? ` (${outcome.reason})` : ''}, ${outcome.actioned} actioned, ${outcome.flagged} flagged`,
    );
  }, log);
  const smtp = await startSmtpInbound({
    host: '127.0.0.1',
    port: options.smtpPort,
    // As SES does: the message is stored, the sender gets its 250, and the handler runs after (asynchronously,
    // retried); a slow handler never holds a sender's connection open or makes it send again.
    onMessage: async (raw, envelope) => {
      const key = `${new Date(clock.now()).toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
      await wiring.rawMail.store(key, raw);
      inbound.add(key, envelope.to);
    },
  });
  const staff = makeStaffActionHandler(system.deps);
  // Business continuity: the 48-hour email to Work Programme Division is checked every 15 minutes.
  let continuityTimer: TimerHandle | undefined;
  const everyQuarterHour = () => {
    continuityTimer = clock.setTimeout(() => {
      checkContinuity(system.deps)
        .then(({ wpdNotified }) => wpdNotified && log('email suspended for 48 hours: Work Programme Division emailed'))
        .catch((err: Error) => log(`continuity check failed: ${err.message}`))
        .finally(everyQuarterHour);
    }, 15 * 60_000);
  };
  everyQuarterHour();
  // The monthly MI return case, as EventBridge opens it in AWS.
  system.startSchedules((err) => log(`MI return schedule failed: ${err.message}`));
  // The staff console at / (the JSON endpoints `npx wp` uses stay: /status and /staff-action).
  const links = new OneTimeLinks();
  const consoleApp = createConsoleApp({
    deps: system.deps,
    secret: randomBytes(32).toString('base64url'),
    assets: repositoryAssetRoots(),
    signIn: { kind: 'local', links },
    secureCookies: false,
    log,
  });
  const serveConsole = getRequestListener(consoleApp.fetch);
  const http = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method === 'GET' && (req.url === '/status' || req.url === '/status.html')) {
          const records: ExitReportCase[] = [];
          for await (const { record } of system.exitReports.all()) records.push(record);
          const status = {
            ...caseloadStatus(records, clock.now(), options.config),
            processes: await processStages(system),
            continuity: await system.cases.getContinuity(),
            figures: system.figures.snapshot(),
          };
          if (req.url === '/status') {
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(status, null, 2));
          } else {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(statusPage(status));
          }
          return;
        }
        if (req.method === 'POST' && req.url === '/staff-action') {
          const chunks: Buffer[] = [];
          for await (const chunk of req) chunks.push(chunk as Buffer);
          const result = await staff(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
          return;
        }
        await serveConsole(req, res);
      } catch (err) {
        // An answer already begun cannot change its status: end it rather than write headers twice (which threw
        // outside any handler and ended the process).
        if (res.headersSent) res.end();
        else
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: (err as Error).message }));
      }
    })();
  });
  await new Promise<void>((resolve) => http.listen(options.httpPort, '127.0.0.1', resolve));
  const httpPort = (http.address() as AddressInfo).port;
  const consoleSignInLinks = (options.consoleUsers ?? demoUsers(options.config)).map((user) => ({
    user,
    url: `http://127.0.0.1:${httpPort}/sign-in/${links.issue(user)}`,
  }));
  return {
    system,
    consoleSignInLinks,
    issueConsoleLink: (user) => `http://127.0.0.1:${httpPort}/sign-in/${links.issue(user)}`,
    inboundDrained: () => inbound.drained(),
    smtpPort: smtp.port,
    httpPort,
    async stop() {
      clock.clearTimeout(continuityTimer);
      await smtp.close();
      // Messages already accepted are handled before the system stops (they are in the inbox either way).
      await inbound.drained();
      await new Promise<void>((resolve) => (http as Server).close(() => resolve()));
      await system.stop();
    },
  };
}

/** Information Sessions, compliance visits and MI returns: how many cases stand at each stage. */
async function processStages(system: LocalSystem): Promise<Record<string, Record<string, number>>> {
  const result: Record<string, Record<string, number>> = {};
  for (const process of processes) {
    // The Exit Report has its own tables on the status page.
    if (process.id === 'exit-report') continue;
    const stages: Record<string, number> = {};
    for await (const { record } of system.cases.recordsOf(process.kind).all()) {
      const closedReason = (record as { closedReason?: string | null }).closedReason;
      const key = record.stage === 'closed' && closedReason ? `closed:${closedReason}` : record.stage;
      stages[key] = (stages[key] ?? 0) + 1;
    }
    result[process.id] = stages;
  }
  return result;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

function statusPage(
  status: ReturnType<typeof caseloadStatus> & {
    figures: Record<string, number>;
    processes: Record<string, Record<string, number>>;
    continuity: { suspendedSince: string | null };
  },
): string {
  const titles: Record<string, string> = {
    'information-session': 'Information Sessions (ch.19)',
    compliance: 'CMO visits (memo 147)',
    'mi-return': 'Job Entry MI returns (memo 176)',
  };
  const rows = (entries: [string, unknown][]) =>
    entries.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`).join('');
  const processTables = Object.entries(status.processes)
    .map(
      ([id, stages]) =>
        `<h2>${escapeHtml(titles[id] ?? id)}</h2><table>${Object.keys(stages).length > 0 ? rows(Object.entries(stages)) : '<tr><td>none</td></tr>'}</table>`,
    )
    .join('\n');
  const due = status.dueNext5WorkingDays
    .map(
      (d) =>
        `<tr><td>${escapeHtml(d.caseId)}</td><td>${escapeHtml(d.nino)}</td><td>${escapeHtml(d.due)}</td><td>${d.scr ? 'SCR: clerical' : 'email'}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wp-orchestrator status</title>
<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style></head>
<body><h1>Exit Reports</h1><p>As of ${escapeHtml(status.asOf)} (Europe/London dates)</p>
${status.continuity.suspendedSince ? `<p><strong>Email to Jobcentre Plus suspended since ${escapeHtml(status.continuity.suspendedSince)}: clerical route.</strong></p>` : ''}
<h2>Caseload</h2><table>${rows(Object.entries(status.stages))}</table>
<h2>Key figures</h2><table>${rows([
    ['Open requests', status.openRequests],
    ['Due in the next 5 working days', status.dueNext5WorkingDays.length],
    ['Overdue (breach recorded)', status.overdue],
    ['Open WPER3 reminders', status.wper3Open],
    ['Escalated to the Performance Manager', status.escalated],
    ['Sent on time', status.sent.onTime],
    ['Sent late', status.sent.late],
    ['% within 10 working days', status.sent.percentWithinTenWorkingDays ?? 'n/a'],
  ])}</table>
<h2>Due in the next 5 working days</h2><table><tr><th>Case</th><th>NINO</th><th>Due</th><th>Route</th></tr>${due}</table>
${processTables}
<h2>Figures emitted</h2><table>${rows(Object.entries(status.figures))}</table></body></html>`;
}
