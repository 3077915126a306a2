import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The console's static files, served by the app itself (no CDN): GOV.UK Frontend's and MoJ Frontend's compiled
 * CSS and JS, their fonts and images at the /assets/ paths the CSS names, and the console's own script and styles.
 * Locally they are read from node_modules; the Lambda bundle carries a copy in `assets/` (infra copies them).
 */
export interface AssetRoots {
  govuk: string;
  moj: string;
  own: string;
}

export function assetRootsBeside(base: string): AssetRoots {
  return {
    govuk: join(base, 'node_modules/govuk-frontend/dist/govuk'),
    moj: join(base, 'node_modules/@ministryofjustice/frontend/moj'),
    own: join(base, 'console/static'),
  };
}

/** The repository's own copy, for `npm start` and tests. */
export function repositoryAssetRoots(): AssetRoots {
  return assetRootsBeside(fileURLToPath(new URL('..', import.meta.url)));
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The file an /assets/ path names, or null: only known names and folders, never a path outside them. */
export function assetFile(roots: AssetRoots, name: string): string | null {
  if (name.includes('..') || name.includes('\\')) return null;
  const fixed: Record<string, string> = {
    'govuk-frontend.min.css': join(roots.govuk, 'govuk-frontend.min.css'),
    'govuk-frontend.min.js': join(roots.govuk, 'govuk-frontend.min.js'),
    'moj-frontend.min.css': join(roots.moj, 'moj-frontend.min.css'),
    'console.mjs': join(roots.own, 'console.mjs'),
    'console.css': join(roots.own, 'console.css'),
  };
  if (fixed[name]) return fixed[name];
  const file = normalize(name);
  if (/^fonts\/[\w.-]+$/.test(file)) return join(roots.govuk, 'assets', file);
  // GOV.UK Frontend's images are govuk-* and favicon*; MoJ Frontend's (icon-*) sit at the same /assets/images/.
  if (/^images\/(govuk-|favicon)[\w.-]+$/.test(file)) return join(roots.govuk, 'assets', file);
  if (/^images\/[\w.-]+$/.test(file)) return join(roots.moj, 'assets', file);
  return null;
}

export async function readAsset(
  roots: AssetRoots,
  name: string,
): Promise<{ body: Uint8Array<ArrayBuffer>; type: string } | null> {
  const file = assetFile(roots, name);
  if (!file) return null;
  try {
    const body = new Uint8Array(await readFile(file));
    return { body, type: TYPES[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
