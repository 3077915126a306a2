import { describe, expect, it } from 'vitest';
import { machineDescription, markdownTable } from '../../bench/run.ts';

describe('bench report', () => {
  it('prints one markdown table with measure, value, unit and note', () => {
    const table = markdownTable([
      { measure: 'deadlines: due date + instant', value: 2_241_312.4, unit: 'deadlines/s', note: 'a | b' },
      { measure: 'calendar index build', value: 2.912, unit: 'ms' },
    ]);
    expect(table.split('\n')).toEqual([
      '| measure | value | unit | note |',
      '|---|---:|---|---|',
      '| deadlines: due date + instant | 2,241,312 | deadlines/s | a \\| b |',
      '| calendar index build | 2.91 | ms |  |',
    ]);
  });

  it('names the machine: CPU, cores, memory and Node version', () => {
    expect(machineDescription()).toMatch(/^Machine: .+, \d+ cores, [\d.]+ GiB memory, Node v\d+/);
  });
});
