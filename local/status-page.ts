import type { ContinuityItem } from '../adapters/store/table-store.ts';
import { formatLongDate, londonDateOf } from '../domain/calendar/london.ts';
import { instant, quoted } from '../domain/notices/format.ts';
import type { CaseloadStatus } from '../functions/status-report/status.ts';
import type { ExecutionRecord } from './runtime/step-functions.ts';

/** The Exit Report stages as a person says them (the progress of `npm start`, the status page). */
const EXIT_REPORT_STAGE_WORDS: Record<string, string> = {
  'awaiting-request': 'awaiting the request',
  'report-due': 'report due',
  overdue: 'overdue',
  'wper3-received': 'reminder (WPER3) received',
  escalated: 'escalated',
  'completed-early': 'completed early',
  'closed:report-sent': 'report sent',
  'closed:not-required-returned': 'returned as not required',
  'closed:no-request-received': 'closed, no request came',
  'closed:ad-hoc-window-ended': 'closed, ad hoc window ended',
};

/** A stage key (`report-due`, `closed:report-sent`) in words; an unknown one with its hyphens as spaces. */
export function stageInWords(key: string): string {
  const known = EXIT_REPORT_STAGE_WORDS[key];
  if (known) return known;
  const [stage, reason] = key.split(':');
  const words = (text: string) => text.replace(/-/g, ' ');
  return reason ? `closed, ${words(reason)}` : words(stage ?? key);
}

/** Stage counts as one line: "awaiting the request 12 · report due 3". */
export function stagesInWords(stages: Record<string, number>): string {
  return Object.entries(stages)
    .map(([k, v]) => `${stageInWords(k)} ${v}`)
    .join(' · ');
}

/** An execution that stopped without succeeding, as the live system keeps it for its log and status page. */
export interface FailedExecution {
  workflow: string;
  name: string;
  error: string;
  cause: string;
  stoppedAt: string;
}

export function failedExecution(record: ExecutionRecord): FailedExecution {
  return {
    workflow: record.stateMachineArn.split(':').pop() ?? record.stateMachineArn,
    name: record.name,
    error: record.error ?? 'unknown',
    // Causes can quote input: NINOs masked, one bounded line.
    cause: quoted(record.cause ?? '', 300),
    stoppedAt: new Date(record.stoppedAt ?? Date.now()).toISOString(),
  };
}

export type LiveStatus = CaseloadStatus & {
  figures: Record<string, number>;
  processes: Record<string, Record<string, number>>;
  continuity: ContinuityItem;
  failedExecutions: { count: number; recent: FailedExecution[] };
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

const rows = (entries: [string, unknown][]) =>
  entries.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`).join('');

const PROCESS_TITLES: Record<string, string> = {
  'information-session': 'Information Sessions (ch.19)',
  compliance: 'CMO visits (memo 147)',
  'mi-return': 'Job Entry MI returns (memo 176)',
};

/** The HTML status page at `/`: the same figures as `/status`, dates as people write them. */
export function statusPage(status: LiveStatus): string {
  const processTables = Object.entries(status.processes)
    .map(([id, stages]) => {
      const body =
        Object.keys(stages).length > 0
          ? rows(Object.entries(stages).map(([k, v]) => [stageInWords(k), v]))
          : '<tr><td>none</td></tr>';
      return `<h2>${escapeHtml(PROCESS_TITLES[id] ?? id)}</h2><table>${body}</table>`;
    })
    .join('\n');
  const due = status.dueNext5WorkingDays
    .map(
      (d) =>
        `<tr><td>${escapeHtml(d.caseId)}</td><td>${escapeHtml(d.nino)}</td><td>${escapeHtml(formatLongDate(d.due))}</td><td>${d.scr ? 'SCR: clerical' : 'email'}</td></tr>`,
    )
    .join('');
  const failed = status.failedExecutions.recent
    .map(
      (f) =>
        `<tr><td>${escapeHtml(instant(f.stoppedAt))}</td><td>${escapeHtml(f.workflow)}</td><td>${escapeHtml(f.name)}</td><td>${escapeHtml(`${f.error}: ${f.cause}`)}</td></tr>`,
    )
    .join('');
  const suspended = status.continuity.suspendedSince
    ? `<p><strong>Email to Jobcentre Plus suspended since ${escapeHtml(instant(status.continuity.suspendedSince))}: clerical route.</strong></p>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wp-orchestrator status</title>
<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}.alert{color:#b00}</style></head>
<body><h1>Exit Reports</h1><p>As of ${escapeHtml(instant(status.asOf))} (${escapeHtml(formatLongDate(londonDateOf(status.asOf)))})</p>
${suspended}
${status.failedExecutions.count > 0 ? `<p class="alert"><strong>${status.failedExecutions.count} failed execution${status.failedExecutions.count === 1 ? '' : 's'}</strong> since this system started: see below and the log.</p>` : ''}
<h2>Caseload</h2><table>${rows(Object.entries(status.stages).map(([k, v]) => [stageInWords(k), v]))}</table>
<h2>Key figures</h2><table>${rows([
    ['Open requests', status.openRequests],
    ['Due in the next 5 working days', status.dueNext5WorkingDays.length],
    ['Overdue (breach recorded)', status.overdue],
    ['Open WPER3 reminders', status.wper3Open],
    ['Escalated to the Performance Manager', status.escalated],
    ['Sent on time', status.sent.onTime],
    ['Sent late', status.sent.late],
    ['% within 10 working days', status.sent.percentWithinTenWorkingDays ?? 'no report sent yet'],
    ['Failed executions', status.failedExecutions.count],
  ])}</table>
<h2>Due in the next 5 working days</h2><table><tr><th>Case</th><th>NINO</th><th>Due</th><th>Route</th></tr>${due}</table>
${processTables}
<h2>Failed executions</h2><table><tr><th>Stopped</th><th>Workflow</th><th>Execution</th><th>Error</th></tr>${failed || '<tr><td colspan="4">none</td></tr>'}</table>
<h2>Figures emitted</h2><table>${rows(Object.entries(status.figures))}</table></body></html>`;
}
