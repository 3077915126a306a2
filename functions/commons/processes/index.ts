import type { AnyProcess } from '../process.ts';
import { complianceProcess } from './compliance.ts';
import { informationSessionProcess } from './information-session.ts';
import { miReturnPlanningProcess } from './mi-return.ts';

/**
 * Every lifecycle driven by a process step function (the Exit Report has its own case-step function), as what
 * plans, opens, restarts and counts cases needs them. The MI return's build-and-send step is in its own function
 * (its workbook library stays out of the other bundles); the local runtime runs the whole of each: stepProcesses.
 */
export const processes: readonly AnyProcess[] = [informationSessionProcess, complianceProcess, miReturnPlanningProcess];
