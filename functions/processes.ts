import type { AnyProcess } from './commons/process.ts';
import { complianceProcess } from './compliance-step/process.ts';
import { exitReportProcess } from './exit-report-step/process.ts';
import { informationSessionProcess } from './information-session-step/process.ts';
import { miReturnPlanningProcess } from './mi-return-step/lifecycle-process.ts';

/**
 * Every lifecycle, each driven by its own step function (`<id>-step`), as what plans, opens, restarts and counts
 * cases needs them. The steps that send an Exit Report or build the MI return's workbook are in their own
 * functions only (their libraries stay out of the other bundles); the local runtime runs the whole of each.
 */
export const processes: readonly AnyProcess[] = [
  exitReportProcess,
  informationSessionProcess,
  complianceProcess,
  miReturnPlanningProcess,
];
