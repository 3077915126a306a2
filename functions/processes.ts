import type { AnyProcess } from './commons/process.ts';
import { complianceProcess } from './compliance-step/process.ts';
import { informationSessionProcess } from './information-session-step/process.ts';
import { miReturnProcess } from './mi-return-step/process.ts';

/** Every lifecycle driven by a process step function (the Exit Report has its own case-step function). */
export const processes: readonly AnyProcess[] = [informationSessionProcess, complianceProcess, miReturnProcess];
