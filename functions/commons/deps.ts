import type { ContinuityItem, TableStore } from '../../adapters/store/table-store.ts';
import type { ProviderConfig } from '../../domain/config.ts';
import type { ExitReportCase } from '../../domain/exit-report/case.ts';
import type { NoticeIntent } from '../../domain/exit-report/lifecycle.ts';
import type { Figures } from '../../ports/figures.ts';
import type { ComposeNotice, Mailer, RawMailStore, RenderedNotice } from '../../ports/mail.ts';
import type { WorkflowSignaller } from '../../ports/workflow.ts';

/**
 * What a handler needs from the outside world, injected so tests and the local runtime pass local adapters.
 * The interfaces the adapters implement are in ports/ (below both functions/ and adapters/: docs/architecture.md);
 * this is the bundle of them a handler is given, with the store and the configuration.
 */
export type NoticeRenderer = (intent: NoticeIntent, config: ProviderConfig, record?: ExitReportCase) => RenderedNotice;

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
  /** The raw inbound messages, for a staff action that destroys one (paras 46, 49); absent without inbound mail. */
  rawMail?: RawMailStore;
}
