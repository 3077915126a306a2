// `wp bench`: run the benchmarks listed in bench/run.ts and print one markdown table.
import type { Command } from 'commander';
import { runBenchmarks } from '../../../bench/run.ts';

export function register(program: Command): void {
  program
    .command('bench')
    .description('run the benchmarks and print one markdown table with the machine they ran on')
    .argument('[modules...]', 'only these bench modules (default: all)')
    .action(async (modules: string[]) => {
      await runBenchmarks(modules.length > 0 ? { only: modules } : {});
    });
}
