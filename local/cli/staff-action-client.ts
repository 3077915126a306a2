import { readFileSync } from 'node:fs';
import type { Command, OptionValues } from 'commander';
import { decodeText } from '../../adapters/mail-reading/decode-text.ts';
import { fail, httpPort } from './settings.ts';

/**
 * Sends a staff action to the running local system (`npm start`) and prints its answer as one JSON line, or as
 * `print` writes it (e.g. a manifest for a person).
 */
export async function staffAction(
  port: string | undefined,
  body: Record<string, unknown>,
  print: (result: Record<string, unknown>) => string = (result) => `${JSON.stringify(result)}\n`,
): Promise<void> {
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
  // Recorded, and flagged to the SPoC lead, but not acted on: not a success to the person who asked.
  if (typeof result.notActedOn === 'string') return fail(`recorded but not acted on: ${result.notActedOn}`, 3);
  // Done, with something a person would want to know (a session after day 15, a weekend visit): said on stderr.
  if (Array.isArray(result.warnings)) for (const w of result.warnings) process.stderr.write(`wp: warning: ${w}\n`);
  process.stdout.write(print(result));
}

/**
 * Makes a command send one staff action: it takes --http-port, and when run posts the action its options (and
 * arguments, in order) describe, printing the answer as `staffAction` does, or as `printOf` chooses from the
 * options. Every staff command of the CLI is this one shape.
 */
export function sendsStaffAction(
  command: Command,
  actionOf: (options: OptionValues, ...args: string[]) => Record<string, unknown>,
  printOf?: (options: OptionValues) => ((result: Record<string, unknown>) => string) | undefined,
): Command {
  return command.option('--http-port <port>').action(async (...params: unknown[]) => {
    const run = params[params.length - 1] as Command;
    const options = run.opts();
    await staffAction(options.httpPort, actionOf(options, ...(run.processedArgs as string[])), printOf?.(options));
  });
}

/** `import <file>` under `parent`: sends the file's text (CSV) as the import `action`. */
export function sendsImport(parent: Command, description: string, action: string): Command {
  return sendsStaffAction(parent.command('import <file>').description(description), (_o, file) => ({
    action,
    csv: readImportFile(file),
  }));
}

/**
 * A file's text for an import, decoded as Excel saved it (UTF-8, UTF-16 or Windows-1252, as the importers read
 * it), or a one-line failure (exit 2) naming the file.
 */
export function readImportFile(file: string): string {
  try {
    return decodeText(readFileSync(file));
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
    receivedOn: '--date',
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
