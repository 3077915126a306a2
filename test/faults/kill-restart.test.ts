import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxByRef } from './end-state.ts';

/**
 * Kill -9 at points spread over the demo scenario, restart from the same storage, and compare with a run that was
 * never interrupted: every case must end in the same business state, and every notice and report must be in
 * the outbox exactly once (none lost, none twice). A kill point is the instant of one of the clean run's storage
 * writes, one drawn from each of 12 equal bands of them (seeded, so a failure can be replayed; busy weeks get more
 * kills), and the child dies at the 1st, 2nd, 3rd or 4th write from that instant on, each three times: just
 * before (odd) or just after (even) a write is stored, part-way through a handler's writes and sends, whatever
 * the speed of the machine or the store. (24 random kills took 466 s of the suite on a dynalite store and 122 s
 * on LMDB: each is a process start; 12 that cover both sides of a write at every position keep what they found.)
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./scenario-child.ts', import.meta.url));
const demo = fileURLToPath(new URL('../../scenarios/demo.json', import.meta.url));
const KILLS = 12;
const SEED = 20261123;

function run(dir: string, kill?: { from: string; write: number }): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', child, dir, demo, ...(kill ? [kill.from, String(kill.write)] : [])];
    const p = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => {
      stderr += String(d);
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(null);
      else if (code === 0) resolve(0);
      else reject(new Error(`scenario child exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

function checkpoint(dir: string): { now: string } | undefined {
  const file = join(dir, 'checkpoint.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function outbox(dir: string): Map<string, number> {
  const { refsByCaseId } = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
  return outboxByRef(join(dir, 'outbox'), refsByCaseId);
}

describe('kill -9 at random points of the demo scenario, and restart', () => {
  let clean: string;
  let faulty: string;
  const killedAt: string[] = [];

  beforeAll(async () => {
    clean = mkdtempSync(join(tmpdir(), 'wp-clean-'));
    faulty = mkdtempSync(join(tmpdir(), 'wp-killed-'));
    await run(clean);
    const writes: string[] = JSON.parse(readFileSync(join(clean, 'writes.json'), 'utf8'));
    // One point in each of KILLS equal bands of the clean run's writes, so the kills cover the whole scenario.
    const band = writes.length / KILLS;
    const offsets = fc.sample(fc.noBias(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), {
      numRuns: KILLS,
      seed: SEED,
    });
    // The write a kill lands on cycles 1, 2, 3, 4: before and after a write, at every position, over the scenario.
    const kills = offsets.map((offset, i) => ({
      from: writes[Math.floor((i + offset) * band)] as string,
      write: (i % 4) + 1,
    }));
    for (const kill of kills) {
      const resumedAt = checkpoint(faulty)?.now ?? kill.from;
      const from = kill.from > resumedAt ? kill.from : resumedAt;
      const outcome = await run(faulty, { from, write: kill.write });
      if (outcome === null) killedAt.push(from);
      else break;
    }
    if (!existsSync(join(faulty, 'result.json'))) await run(faulty);
  }, 600_000);

  afterAll(() => {
    for (const dir of [clean, faulty]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Only a point whose instant a previous kill's restart has passed, at the very end, can miss.
  it(`was killed at least ${KILLS - 2} times, at points spread over the scenario`, () => {
    expect(killedAt.length).toBeGreaterThanOrEqual(KILLS - 2);
    const years = new Set(killedAt.map((at) => at.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(3);
  });

  it('ends every case in the same business state as the run that was never killed', () => {
    const expected = JSON.parse(readFileSync(join(clean, 'result.json'), 'utf8'));
    const actual = JSON.parse(readFileSync(join(faulty, 'result.json'), 'utf8'));
    // Every Exit Report participant of the demo has its case (the count follows the scenario as it grows).
    expect(actual.cases).toHaveLength(JSON.parse(readFileSync(demo, 'utf8')).participants.length);
    expect(actual.cases).toEqual(expected.cases);
    expect(actual.informationSessions).toEqual(expected.informationSessions);
    expect(actual.complianceVisits).toEqual(expected.complianceVisits);
  });

  it('sends every message of the clean run exactly once: none lost, none twice', () => {
    const expected = outbox(clean);
    const actual = outbox(faulty);
    expect(expected.size).toBeGreaterThan(250);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...actual.values()].every((n) => n === 1)).toBe(true);
  });
});
