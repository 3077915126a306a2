import { Readable } from 'node:stream';

/**
 * Runs `wp <args>` inside the test's own process: the real local/cli/main.ts, evaluated afresh for each call (a
 * new commander program, the same command modules), with stdin, stdout, stderr and process.exit captured. A
 * process per case cost 3–4 s of start-up (tsx compiling the CLI's imports) for a few milliseconds of work.
 * Test files run in separate worker processes and the cases of one file one after another, so swapping these
 * process globals for the length of one call is safe. Keep one real `node bin/wp.mjs` run per suite for the bin.
 */
export interface WpResult {
  status: number;
  stdout: string;
  stderr: string;
}

class Exit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

let runs = 0;

export async function wpInProcess(args: string[], input?: string): Promise<WpResult> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = {
    argv: process.argv,
    exit: process.exit,
    exitCode: process.exitCode,
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    stdin: Object.getOwnPropertyDescriptor(process, 'stdin') as PropertyDescriptor,
  };
  const capture =
    (into: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  const stdin = Readable.from(input === undefined ? [] : [input]);
  let status = 0;
  try {
    process.argv = [saved.argv[0] as string, 'wp', ...args];
    process.exitCode = undefined;
    process.exit = ((code?: number) => {
      throw new Exit(code ?? 0);
    }) as typeof process.exit;
    process.stdout.write = capture(out) as typeof process.stdout.write;
    process.stderr.write = capture(err) as typeof process.stderr.write;
    Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => stdin });
    runs++;
    await import(/* @vite-ignore */ `../../local/cli/main.ts?run=${runs}`);
    status = Number(process.exitCode ?? 0);
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    status = error.code;
  } finally {
    process.argv = saved.argv;
    process.exit = saved.exit;
    process.exitCode = saved.exitCode;
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    Object.defineProperty(process, 'stdin', saved.stdin);
  }
  return { status, stdout: out.join(''), stderr: err.join('') };
}
