import type { AnyProcess } from '../process.ts';
import { complianceProcess } from './compliance.ts';
import { exitReportProcess } from './exit-report.ts';
import { informationSessionProcess } from './information-session.ts';
import { miReturnPlanningProcess } from './mi-return.ts';

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
