import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * docs/bad-input.md cites, in the last column of its tables, a test file in backticks followed by the names of
 * its tests in backticks. This keeps the catalogue honest: every file named exists and holds every test name
 * quoted after it, so a renamed or deleted test breaks here instead of leaving the page wrong.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const catalogue = readFileSync(`${root}docs/bad-input.md`, 'utf8');

interface Citation {
  line: number;
  file: string;
  names: string[];
}

function citations(markdown: string): { cited: Citation[]; uncited: number[] } {
  const cited: Citation[] = [];
  const uncited: number[] = [];
  let inCitingTable = false;
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (!text.startsWith('|')) {
      inCitingTable = false;
      return;
    }
    const cells = text.split('|').slice(1, -1);
    const last = (cells.at(-1) ?? '').trim();
    if (/^shown by$/i.test(last)) {
      inCitingTable = true;
      return;
    }
    if (!inCitingTable || /^-+:?$/.test(last)) return;
    const tokens = [...last.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    let current: Citation | undefined;
    for (const token of tokens) {
      if (token.endsWith('.test.ts')) {
        current = { line, file: token, names: [] };
        cited.push(current);
      } else current?.names.push(token);
    }
    if (!current) uncited.push(line);
  });
  return { cited, uncited };
}

describe('docs/bad-input.md', () => {
  const { cited, uncited } = citations(catalogue);

  it('cites a test for every row of its tables', () => {
    expect(cited.length).toBeGreaterThan(50);
    expect(uncited).toEqual([]);
    expect(cited.filter((c) => c.names.length === 0).map((c) => `line ${c.line}: ${c.file}`)).toEqual([]);
  });

  it('names only test files that exist', () => {
    const missing = [...new Set(cited.map((c) => c.file))].filter((file) => !existsSync(`${root}${file}`));
    expect(missing).toEqual([]);
  });

  it('quotes only test names found in the file it names', () => {
    const notFound: string[] = [];
    for (const { line, file, names } of cited) {
      if (!existsSync(`${root}${file}`)) continue;
      const source = readFileSync(`${root}${file}`, 'utf8');
      for (const name of names) if (!source.includes(name)) notFound.push(`line ${line}: ${file}: ${name}`);
    }
    expect(notFound).toEqual([]);
  });

  it('lists every inbound mail fixture', () => {
    const fixtures = ['mail', 'information-session'].flatMap((folder) =>
      readdirSync(`${root}test/fixtures/${folder}`).filter((name) => name.endsWith('.eml')),
    );
    expect(fixtures.length).toBeGreaterThan(20);
    expect(fixtures.filter((name) => !catalogue.includes(`| \`${name}\``))).toEqual([]);
  });
});
