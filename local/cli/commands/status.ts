import type { Command } from 'commander';
import { day, instant } from '../../../domain/notices/format.ts';
import type { CaseloadStatus } from '../../../functions/status-report/status.ts';
import { fail, httpPort } from '../settings.ts';

/** Each process's cases under its own heading: the Exit Report's being none says nothing of the others. */
const PROCESS_HEADINGS: Readonly<Record<string, string>> = {
  'information-session': 'Information Session cases',
  compliance: 'Compliance visit cases',
  'mi-return': 'MI return months',
};

/** `wp status`: the running system's figures, the same as the dashboard's. */
export function register(program: Command): void {
  program
    .command('status')
    .description('caseload and figures of the running local system (npm start)')
    .option('--http-port <port>', "the running system's status port")
    .option('--json', 'print JSON')
    .action(async (options: { httpPort?: string; json?: boolean }) => {
      let status: Record<string, unknown>;
      try {
        const res = await fetch(`http://127.0.0.1:${httpPort(options.httpPort)}/status`);
        status = (await res.json()) as Record<string, unknown>;
      } catch {
        return fail('the local system is not running (start it with npm start)', 1);
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        return;
      }
      const s = status as unknown as CaseloadStatus & {
        figures: Record<string, number>;
        processes?: Record<string, Record<string, number>>;
        failedExecutions?: { count: number; recent: Array<{ name: string; workflow: string; error: string }> };
      };
      const lines = [
        `As of ${instant(s.asOf)}`,
        `Exit Report cases: ${
          Object.entries(s.stages)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none'
        }`,
        `Open requests ${s.openRequests}; due in the next 5 working days ${s.dueNext5WorkingDays.length}; overdue ${s.overdue}; open WPER3 ${s.wper3Open}; escalated ${s.escalated}`,
        s.sent.percentWithinTenWorkingDays === null || s.sent.percentWithinTenWorkingDays === undefined
          ? 'Sent on time 0, late 0: no report sent yet'
          : `Sent on time ${s.sent.onTime}, late ${s.sent.late}: ${s.sent.percentWithinTenWorkingDays}% within 10 working days`,
        ...s.dueNext5WorkingDays.map(
          (d) => `  due ${day(d.due)}  ${d.caseId}  ${d.nino}${d.scr ? '  (SCR: clerical route)' : ''}`,
        ),
        ...Object.entries(s.processes ?? {}).map(
          ([id, stages]) =>
            `${PROCESS_HEADINGS[id] ?? id}: ${
              Object.entries(stages)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || 'none'
            }`,
        ),
        ...(s.failedExecutions && s.failedExecutions.count > 0
          ? [
              `Failed executions since start: ${s.failedExecutions.count} (see the log and the status page)`,
              ...s.failedExecutions.recent.map((f) => `  ${f.workflow} ${f.name}: ${f.error}`),
            ]
          : []),
        `Figures: ${
          Object.entries(s.figures)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none yet'
        }`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
