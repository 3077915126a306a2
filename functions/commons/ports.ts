import type { ContinuityItem, TableStore } from '../../adapters/store/table-store.ts';
import type { ProviderConfig } from '../../domain/config.ts';
import type { ExitReportCase } from '../../domain/exit-report/case.ts';
import type { NoticeIntent } from '../../domain/exit-report/lifecycle.ts';
import type { MetricName } from './metric-names.ts';

/** What a handler needs from the outside world, injected so tests and the local runtime pass local adapters. */
export interface WorkflowSignaller {
  /** Starts an execution; a repeat with the same name and input is a no-op (AWS semantics). */
  startExecution(workflowId: string, name: string, input: Record<string, unknown>): Promise<void>;
  /** Wakes a waiting execution. 'stale' when the token already ended (timed out, or used): harmless. */
  wake(taskToken: string): Promise<'woken' | 'stale'>;
}

import type { Mailer } from '../../adapters/mail/mailer.ts';

export type { Mailer, OutboundMessage } from '../../adapters/mail/mailer.ts';

export interface Figures {
  count(name: MetricName, value?: number, dimensions?: Record<string, string>): void;
}

export interface RenderedNotice {
  subject: string;
  text: string;
}

export type NoticeRenderer = (intent: NoticeIntent, config: ProviderConfig, record?: ExitReportCase) => RenderedNotice;

export type ComposeNotice = (notice: {
  from: string;
  to: string[];
  subject: string;
  text: string;
  date: Date;
}) => Promise<Buffer>;

export interface CaseHandlerDeps {
  cases: TableStore;
  mailer: Mailer;
  signaller: WorkflowSignaller;
  figures: Figures;
  config: ProviderConfig;
  now: () => number;
  renderNotice: NoticeRenderer;
  composeNotice: ComposeNotice;
  /** The business continuity switch, read through a short cache (functions/commons/continuity.ts). */
  continuity: () => Promise<ContinuityItem>;
}
