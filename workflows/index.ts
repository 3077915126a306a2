import type { WorkflowSpec } from './asl.ts';
import { complianceWorkflow } from './compliance.ts';
import { exitReportWorkflow } from './exit-report.ts';
import { informationSessionWorkflow } from './information-session.ts';
import { miReturnWorkflow } from './mi-return.ts';

export type { AslDefinition, WorkflowSpec } from './asl.ts';

/** Every state machine of the product: CDK deploys these, the local runtime executes these. */
export const workflows: readonly WorkflowSpec[] = [
  exitReportWorkflow,
  informationSessionWorkflow,
  complianceWorkflow,
  miReturnWorkflow,
];
