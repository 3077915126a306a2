import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * How cdk-nag names a resource in a finding id such as `AwsSolutions-IAM5[Resource::<this>]`: a Ref becomes
 * `<Name>`, a GetAtt `<Logical.Attr>`, a Join the concatenation. Used to acknowledge a finding on a resource whose
 * ARN is built from tokens (pseudo parameters, fixed names) — never to hide one we have not read.
 */
export function nagResourceName(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const ref = (value as { Ref?: unknown }).Ref;
    if (typeof ref === 'string') return `<${ref}>`;
    const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
    const join = (value as { 'Fn::Join'?: unknown })['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return (join[1] as unknown[]).map(flatten).join(join[0]);
    }
  }
  return JSON.stringify(value);
}

/** Actions AWS authorises only on `"Resource": "*"` (no resource-level permissions), and why each is granted. */
export const ACTIONS_THAT_REQUIRE_ANY_RESOURCE: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray active tracing (Lambda and Step Functions): X-Ray has no resource-level permissions',
  'xray:PutTelemetryRecords': 'X-Ray active tracing: X-Ray has no resource-level permissions',
  'xray:GetSamplingRules': 'X-Ray tracing of Step Functions: sampling rules are read account-wide',
  'xray:GetSamplingTargets': 'X-Ray tracing of Step Functions: sampling targets are read account-wide',
  'logs:CreateLogDelivery':
    'Step Functions logging: CloudWatch Logs vended log delivery has no resource-level permissions',
  'logs:GetLogDelivery': 'Step Functions logging: vended log delivery',
  'logs:UpdateLogDelivery': 'Step Functions logging: vended log delivery',
  'logs:DeleteLogDelivery': 'Step Functions logging: vended log delivery',
  'logs:ListLogDeliveries': 'Step Functions logging: vended log delivery',
  'logs:PutResourcePolicy': 'Step Functions logging: the log group resource policy for delivery is account-wide',
  'logs:DescribeResourcePolicies': 'Step Functions logging: the log group resource policy for delivery is account-wide',
  'logs:DescribeLogGroups': 'Step Functions logging: log delivery checks its destination group',
};
