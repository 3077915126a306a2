import { readFileSync } from 'node:fs';
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
  if (!res.ok) return fail(String(result.error ?? res.statusText));
  process.stdout.write(print(result));
}

/** A file's text for an import, or a one-line failure (exit 2) naming the file. */
export function readImportFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as Error).message}`);
  }
}
