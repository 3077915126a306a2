import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoProviderConfig, type ProviderConfig, parseProviderConfig } from '../../domain/config.ts';

/** Where the local runtime keeps its data (case records, inbox, outbox, simulation reports). */
export function dataDir(option?: string): string {
  return resolve(option ?? process.env.WP_DATA_DIR ?? '.wp-data');
}

/** `wp.config.json` in the working folder (or --config), else the demo configuration. */
export function loadConfig(path?: string): { config: ProviderConfig; source: string } {
  const file = resolve(path ?? 'wp.config.json');
  if (path || existsSync(file)) {
    return { config: parseProviderConfig(JSON.parse(readFileSync(file, 'utf8'))), source: file };
  }
  return { config: demoProviderConfig, source: 'the built-in demo configuration (addresses on *.example)' };
}

export const DEFAULT_SMTP_PORT = 2525;
export const DEFAULT_HTTP_PORT = 8025;

/** Reads the port the running system was started with, so other commands find it. */
export function httpPort(option?: string): number {
  return Number(option ?? process.env.WP_HTTP_PORT ?? DEFAULT_HTTP_PORT);
}

export function fail(message: string, code = 2): never {
  process.stderr.write(`wp: ${message}\n`);
  process.exit(code);
}
