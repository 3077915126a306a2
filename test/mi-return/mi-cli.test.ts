import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entries = join(root, 'test/fixtures/mi-return/job-entries.csv');

function wp(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/wp.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('wp mi build', () => {
  it('writes the workbook and prints its name, the due date and how it was counted', () => {
    const out = mkdtempSync(join(tmpdir(), 'wp-mi-'));
    const { status, stdout } = wp(['mi', 'build', '--month', '2014-12', '--entries', entries, '--out', out]);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('4001234 Avanta Dec 14.xlsx');
    expect(existsSync(join(out, '4001234 Avanta Dec 14.xlsx'))).toBe(true);
    expect(stdout).toContain('Due Thu 8 Jan 2015 (2015-01-08)');
    expect(stdout).toContain('Skipped Thu 1 Jan 2015 (New Year’s Day)');
    expect(stdout).toContain('How it was counted:');
    expect(stdout).toContain('2014-12: 4 first, 2 subsequent job entries (all payment groups)');
    expect(stdout).toContain('Rejected line 13: NINO "TN010180M"');
  });

  it('takes the contract, provider and division', () => {
    const out = mkdtempSync(join(tmpdir(), 'wp-mi-'));
    const { status, stdout } = wp([
      'mi',
      'build',
      '--month',
      '2015-07',
      '--entries',
      entries,
      '--out',
      out,
      '--contract',
      '4005678',
      '--provider',
      'Ingeus',
      '--division',
      'scotland',
    ]);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('4005678 Ingeus Jul 15.xlsx');
    expect(stdout).toContain('Due Mon 10 Aug 2015 (2015-08-10)');
  });

  it('fails with exit code 2 and one line for a bad month', () => {
    const { status, stderr } = wp(['mi', 'build', '--month', '2014-13', '--entries', entries, '--out', tmpdir()]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^wp mi build: .*YYYY-MM/);
  });
});

describe('wp mi build, a Windows-1252 file', () => {
  it('reads a CSV as Excel saves it ("CSV (comma delimited)", CRLF, not UTF-8)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-mi-'));
    const file = join(dir, 'entries.csv');
    writeFileSync(
      file,
      Buffer.from('NINO,Start date,Payment group,Notes\r\nAB123456C,02/12/2014,1,caf\xe9\r\n', 'latin1'),
    );
    const { status, stdout } = wp(['mi', 'build', '--month', '2014-12', '--entries', file, '--out', dir]);
    expect(status).toBe(0);
    expect(stdout).toContain('2014-12: 1 first, 0 subsequent job entries (all payment groups)');
  });
});
