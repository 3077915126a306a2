// Runs every bench module listed below and prints one markdown table, with the machine above it.
// To add a module: append { name, run } to benchModules (run returns BenchRow[]).
import os from 'node:os';
import type { BenchRow } from './types.ts';

type BenchModule = { name: string; run: () => Promise<BenchRow[]> };

const benchModules: BenchModule[] = [
  { name: 'deadlines', run: async () => (await import('./deadlines.ts')).benchDeadlines() },
  { name: 'inbound', run: async () => (await import('./inbound.ts')).benchInbound() },
  { name: 'lifecycle', run: async () => (await import('./lifecycle.ts')).benchLifecycle() },
  { name: 'restart', run: async () => (await import('./restart.ts')).benchRestart() },
  { name: 'burst', run: async () => (await import('./burst.ts')).benchBurst() },
  { name: 'infra', run: async () => (await import('./infra.ts')).benchInfra() },
];

export function machineDescription(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return `Machine: ${model}, ${cpus.length} cores, ${memoryGiB} GiB memory, Node ${process.version} (${process.platform} ${process.arch})`;
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-GB');
  return Number(value.toPrecision(3)).toString();
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = ['| measure | value | unit | note |', '|---|---:|---|---|'];
  for (const row of rows) {
    lines.push(`| ${cell(row.measure)} | ${formatValue(row.value)} | ${cell(row.unit)} | ${cell(row.note ?? '')} |`);
  }
  return lines.join('\n');
}

export async function runBenchmarks(
  options: { only?: readonly string[]; print?: (text: string) => void } = {},
): Promise<BenchRow[]> {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const selected = options.only ? benchModules.filter((module) => options.only?.includes(module.name)) : benchModules;
  if (options.only && selected.length !== options.only.length) {
    throw new Error(`Unknown bench module: expected some of ${benchModules.map((module) => module.name).join(', ')}`);
  }
  const rows: BenchRow[] = [];
  for (const module of selected) rows.push(...(await module.run()));
  print(machineDescription());
  print('');
  print(markdownTable(rows));
  const footnotes = [...new Set(rows.flatMap((row) => (row.footnote ? [row.footnote] : [])))];
  if (footnotes.length > 0) print('');
  for (const footnote of footnotes) print(footnote);
  return rows;
}
