import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { CaseTable } from '../adapters/store/case-table.ts';
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
import { InboundQueue, PendingInbound } from './inbound-queue.ts';
import { type Clock, RealClock, type TimerHandle } from './runtime/clock.ts';
import type { ExecutionRecord, LocalFunction } from './runtime/step-functions.ts';
import { LocalSystem } from './runtime/system.ts';
import { localMailWiring } from './runtime/wiring.ts';
import { startSmtpInbound } from './smtp-inbound.ts';
import { type FailedExecution, failedExecution, type LiveStatus, statusPage } from './status-page.ts';

/**
 * The local system serving live input: case records persisted in the data folder, inbound mail over SMTP on
 * loopback (each raw message stored, and listed as pending, before the sender's 250), outbound mail as .eml in
 * the outbox, and a small HTTP endpoint on loopback for `wp status`, a status page and staff actions.
 */
export interface LiveOptions {
  dataDir: string;
  config: ProviderConfig;
  smtpPort: number;
  httpPort: number;
  clock?: Clock;
  log?: (line: string) => void;
  /** Test seams for fault injection (test/faults, test/e2e), passed to the LocalSystem. Never set outside tests. */
  wrapStorage?: (table: CaseTable) => CaseTable;
  wrapFunction?: (functionId: string, fn: LocalFunction) => LocalFunction;
  /** Who may sign in to the console (default: one demo user per role, from the provider's addresses). */
  consoleUsers?: StaffUser[];
}

export interface LiveSystem {
  system: LocalSystem;
  smtpPort: number;
  httpPort: number;
  /** Messages found pending at start (acknowledged before a stop or crash, not given an outcome) and queued again. */
  resumedMessages: number;
  /** Executions that stopped failed since this start, most recent last. */
  failedExecutions(): FailedExecution[];
  /** One-time console sign-in links, one per user: each signs in once (`npm start` prints them). */
  consoleSignInLinks: Array<{ user: StaffUser; url: string }>;
  /** A fresh one-time link for a console user (`npm start` prints one per user at start). */
  issueConsoleLink(user: StaffUser): string;
  /** Resolves once every message received so far has been handled (or given up on and logged). */
  inboundDrained(): Promise<void>;
  stop(): Promise<void>;
}

/** Errors that are the system's fault, not the request's: answered 500. */
const SERVER_FAULTS =
  /^(Error|TypeError|RangeError|ReferenceError|SyntaxError|StorageUnavailable|CaseVersionConflict|MailUnavailable)$/;

type Route = (req: IncomingMessage) => Promise<{ status: number; type: string; body: string }>;

const json = (value: unknown, status = 200) => ({
  status,
  type: 'application/json',
  body: JSON.stringify(value, null, 2),
});

export async function startLive(options: LiveOptions): Promise<LiveSystem> {
  const clock = options.clock ?? new RealClock();
  const log = options.log ?? (() => {});
  const wiring = localMailWiring({ dataDir: options.dataDir, config: options.config, clock });
  const failed: FailedExecution[] = [];
  let failedCount = 0;
  const onExecutionStopped = (record: ExecutionRecord) => {
    // Failed only: an execution aborted (by a stop or a restart of open cases) resumes from its record.
    if (record.status !== 'FAILED') return;
    const entry = failedExecution(record);
    failedCount++;
    failed.push(entry);
    if (failed.length > 50) failed.shift();
    log(`execution ${entry.name} (${entry.workflow}) ${record.status.toLowerCase()}: ${entry.error}: ${entry.cause}`);
  };
  const system = await LocalSystem.start({
    ...wiring,
    clock,
    storagePath: join(options.dataDir, 'store'),
    keepFinishedExecutions: false,
    onExecutionStopped,
    wrapStorage: options.wrapStorage,
    wrapFunction: options.wrapFunction,
  });
  system.figures.persistTo(join(options.dataDir, 'figures.json'));
  const inbound = new InboundQueue(
    new PendingInbound(join(options.dataDir, 'inbox-pending')),
    async (messageKey, envelopeRecipients) => {
      const outcome = await system.handleInboundMail({ messageKey, envelopeRecipients });
      log(
        `mail ${messageKey}: ${outcome.status} ${outcome.kind}${outcome.reason ? ` (${outcome.reason})` : ''}, ${outcome.actioned} actioned, ${outcome.flagged} flagged`,
      );
    },
    log,
  );
  // Every message acknowledged before the last stop (or crash) and not given its outcome is handled again.
  const resumedMessages = await inbound.resumePending();
  if (resumedMessages > 0) log(`${resumedMessages} stored message(s) without an outcome: handling them again`);
  const smtp = await startSmtpInbound({
    host: '127.0.0.1',
    port: options.smtpPort,
    // As SES does: the message is stored, the sender gets its 250, and the handler runs after (asynchronously,
    // retried); a slow handler never holds a sender's connection open or makes it send again.
    onMessage: async (raw, envelope) => {
      const key = `${new Date(clock.now()).toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
      await wiring.rawMail.store(key, raw);
      await inbound.accept({ key, to: envelope.to });
    },
    onError: (err) => log(`smtp: ${err.message}`),
  });
  const staff = makeStaffActionHandler(system.deps);
  // Business continuity: the emails to Work Programme Division that fall due are checked every 15 minutes.
  let continuityTimer: TimerHandle | undefined;
  const everyQuarterHour = () => {
    continuityTimer = clock.setTimeout(() => {
      checkContinuity(system.deps)
        .then(
          ({ wpdNotified }) => wpdNotified && log('email suspended: Work Programme Division emailed (clerical route)'),
        )
        .catch((err: Error) => log(`continuity check failed: ${err.message}`))
        .finally(everyQuarterHour);
    }, 15 * 60_000);
  };
  everyQuarterHour();
  // The monthly MI return case, as EventBridge opens it in AWS.
  system.startSchedules((err) => log(`MI return schedule failed: ${err.message}`));

  const status = async (): Promise<LiveStatus> => {
    const records: ExitReportCase[] = [];
    for await (const { record } of system.exitReports.all()) records.push(record);
    return {
      ...caseloadStatus(records, clock.now(), options.config),
      processes: await processStages(system),
      continuity: await system.cases.getContinuity(),
      figures: system.figures.snapshot(),
      failedExecutions: { count: failedCount, recent: [...failed] },
    };
  };
  // The staff console answers every path the routes below do not (the JSON endpoints `npx wp` uses stay).
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
  /** Every page the server answers itself, `METHOD path`; any other request goes to the console. */
  const routes: Record<string, Route> = {
    'GET /status.html': async () => ({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: statusPage(await status()),
    }),
    'GET /status': async () => json(await status()),
    'POST /staff-action': async (req) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let input: unknown;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return json({ error: 'The body is not JSON' }, 400);
      }
      try {
        return json(await staff(input));
      } catch (err) {
        // A refused action (bad input, wrong stage, unknown case: a named error) is the caller's to fix: 400 with
        // the reason. Anything else (a storage outage, a bug) is ours: 500, logged, the reason still given.
        if (!SERVER_FAULTS.test((err as Error).name)) return json({ error: (err as Error).message }, 400);
        throw err;
      }
    },
  };
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes[`${req.method} ${path}`];
    if (!route) {
      serveConsole(req, res).catch((err: Error) => {
        log(`http ${req.method} ${path} failed: ${err.name}: ${err.message}`);
        if (res.headersSent) res.end();
        else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error: see the log\n');
      });
      return;
    }
    route(req).then(
      ({ status: code, type, body }) => {
        res.writeHead(code, { 'content-type': type }).end(body);
      },
      (err: Error) => {
        // Logged without the request body (it may carry personal data); the server stays up.
        log(`http ${req.method} ${path} failed: ${err.name}: ${err.message}`);
        // An answer already begun cannot change its status: end it rather than write headers twice.
        if (res.headersSent) res.end();
        else if (path === '/status.html')
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error: see the log\n');
        else res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.message }));
      },
    );
  });
  http.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => http.listen(options.httpPort, '127.0.0.1', resolve));
  const httpPort = (http.address() as AddressInfo).port;
  const signInLink = (user: StaffUser) => `http://127.0.0.1:${httpPort}/sign-in/${links.issue(user)}`;
  return {
    system,
    consoleSignInLinks: (options.consoleUsers ?? demoUsers(options.config)).map((user) => ({
      user,
      url: signInLink(user),
    })),
    issueConsoleLink: signInLink,
    resumedMessages,
    failedExecutions: () => [...failed],
    inboundDrained: () => inbound.drained(),
    smtpPort: smtp.port,
    httpPort,
    async stop() {
      clock.clearTimeout(continuityTimer);
      await smtp.close();
      // Messages already accepted are handled before the system stops (they stay pending on disk either way).
      await inbound.drained();
      await new Promise<void>((resolve) => (http as Server).close(() => resolve()));
      await system.stop();
      system.figures.flush();
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
