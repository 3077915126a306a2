import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wpInProcess as wp } from '../support/wp-in-process.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The real command, bin/wp.mjs in its own node process: once per suite, to show the bin itself works. */
function wpProcess(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['bin/wp.mjs', ...args], { cwd: root, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('wp deadline', () => {
  it('prints the due date and the explanation (bin/wp.mjs in its own process)', () => {
    const { status, stdout } = wpProcess(['deadline', 'exit-report', '--from', '2024-11-25', '--division', 'scotland']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Due Mon 9 Dec 2024 \(2024-12-09\), at 2024-12-09T23:59:59\.999Z\n/);
    expect(stdout).toContain('Skipped Mon 2 Dec 2024 (St Andrew’s Day (substitute day))');
  });

  it('prints JSON with --json', async () => {
    const { status, stdout } = await wp(['deadline', 'mi-return', '--from', '2014-12', '--json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      rule: 'mi-return',
      from: '2014-12',
      division: 'england-and-wales',
      due: '2015-01-08',
    });
    expect(json.dueAt).toBe('2015-01-08T23:59:59.999Z');
    expect(json.explanation.length).toBeGreaterThan(3);
  });

  it.each([
    [['deadline', 'exit-reports', '--from', '2024-05-24'], /unknown rule "exit-reports"/],
    [['deadline', 'exit-report', '--from', '2024-02-30'], /not a real date/],
    [['deadline', 'exit-report', '--from', '2024-05-24', '--division', 'wales'], /unknown division "wales"/],
    [['deadline', 'exit-report', '--from', '2030-01-07'], /covers 2011-01-01 to 2027-12-31/],
    [['deadline', 'exit-report'], /--from <date> is required/],
  ])('exits 2 with a one-line message for %j', async (args, message) => {
    const { status, stdout, stderr } = await wp(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('answers a batch line by line, in order, with an error for a bad line and without aborting', async () => {
    // Prepare
    const input = [
      '{"rule":"exit-report","from":"2024-05-24"}',
      'not json',
      '{"rule":"exit-report","from":"2024-03-28","division":"scotland"}',
      '{"rule":"exit-report","from":"2031-01-06","division":"scotland","caseId":"c-1"}',
      '',
      '{"rule":"evidence-window","from":"2024-03-29T16:30"}',
    ].join('\n');
    // Act
    const { status, stdout } = await wp(['deadline', '--batch'], input);
    // Assess
    expect(status).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ rule: 'exit-report', division: 'england-and-wales', due: '2024-06-07' });
    expect(lines[0].explanation[0]).toMatch(/^Rule exit-report: 10 working days/);
    expect(lines[1]).toEqual({ input: 'not json', error: 'not a JSON object' });
    expect(lines[2]).toMatchObject({ division: 'scotland', due: '2024-04-11', dueAt: '2024-04-11T22:59:59.999Z' });
    expect(lines[3]).toMatchObject({ rule: 'exit-report', from: '2031-01-06', caseId: 'c-1' });
    expect(lines[3].error).toMatch(/outside the Scotland bank-holiday data/);
    expect(lines[4]).toMatchObject({ due: '2024-03-31', dueAt: '2024-03-31T16:30:00.000Z' });
  });
});

describe('wp calendar refresh', () => {
  it('merges a recorded feed into the data file and reports each change', async () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'wp-calendar-'));
    const data = join(directory, 'uk-bank-holidays.json');
    copyFileSync(join(root, 'data/uk-bank-holidays.json'), data);
    const feed = join(root, 'test/fixtures/calendar/gov-uk-feed-recorded.json');
    // Act
    const dryRun = await wp(['calendar', 'refresh', '--file', feed, '--data', data, '--dry-run']);
    const unchanged = readFileSync(data, 'utf8');
    const real = await wp(['calendar', 'refresh', '--file', feed, '--data', data]);
    const again = await wp(['calendar', 'refresh', '--file', feed, '--data', data]);
    // Assess
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout).toContain('Dry run: nothing written.');
    expect(unchanged).toBe(readFileSync(join(root, 'data/uk-bank-holidays.json'), 'utf8'));
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('northern-ireland: 16 holidays 2021–2028 (ignored: not a division we use)');
    expect(real.stdout).toContain('added   scotland 2027-09-20 Fixture one-off bank holiday (not a real holiday)');
    expect(real.stdout).toContain('removed england-and-wales 2027-05-31 Spring bank holiday');
    expect(real.stdout).toContain('22 change(s).');
    expect(real.stdout).toMatch(/must be recomputed/);
    const merged = JSON.parse(readFileSync(data, 'utf8'));
    expect(Object.keys(merged)).toEqual(['england-and-wales', 'scotland']);
    expect(merged.scotland.events.at(-1)).toEqual({
      title: 'Boxing Day',
      date: '2028-12-26',
      notes: '',
      bunting: true,
    });
    expect(again.stdout).toContain('No changes');
  });

  it('refuses a file that is not the feed, and writes nothing', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'wp-calendar-'));
    const data = join(directory, 'uk-bank-holidays.json');
    copyFileSync(join(root, 'data/uk-bank-holidays.json'), data);
    const { status, stderr } = await wp(['calendar', 'refresh', '--file', join(root, 'package.json'), '--data', data]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^wp calendar refresh: Invalid bank-holiday feed/);
    expect(readFileSync(data, 'utf8')).toBe(readFileSync(join(root, 'data/uk-bank-holidays.json'), 'utf8'));
  });
});
