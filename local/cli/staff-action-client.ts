import { readFileSync } from 'node:fs';
import { fail, httpPort } from './settings.ts';

/** Sends a staff action to the running local system (`npm start`) and prints its answer as one JSON line. */
export async function staffAction(port: string | undefined, body: Record<string, unknown>): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${httpPort(port)}/staff-action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return fail('the local system is not running (start it with npm start)', 1);
  }
  const result = (await res.json()) as Record<string, unknown>;
  if (!res.ok) return fail(plainError(String(result.error ?? res.statusText)));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A file's text for an import, or a one-line failure (exit 2) naming the file. */
export function readImportFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** The option a staff-action field comes from, as the person typed it: referralDate → --referral-date. */
function optionOf(path: unknown[]): string {
  const field = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (field === undefined) return 'input';
  const named: Record<string, string> = {
    sessionDate: '--date',
    notifiedOn: '--date',
    cancelledOn: '--date',
    attachedOn: '--date',
    backedOutOn: '--date',
    receivedDate: '--date',
    visitDate: '--date',
    recordedBy: '--by',
    confirmedBy: '--by',
    requestedBy: '--by',
  };
  return named[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * A refusal as one plain line: the server answers a field that fails its check with the validator's issues as
 * JSON; a person reads "--referral-date: the referral date "31/02/2026" is not a real date …", not the JSON.
 */
export function plainError(text: string): string {
  let issues: unknown;
  try {
    issues = JSON.parse(text);
  } catch {
    return text.replace(/\s*\n\s*/g, ' ');
  }
  if (!Array.isArray(issues) || issues.length === 0) return text.replace(/\s*\n\s*/g, ' ');
  return issues
    .map(
      (issue: { path?: unknown[]; message?: string }) =>
        `${optionOf(issue.path ?? [])}: ${issue.message ?? 'not valid'}`,
    )
    .join('; ');
}
