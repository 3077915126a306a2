// The `wp` command line. Each command lives in its own module under ./commands and registers itself here.
import { Command } from 'commander';

const program = new Command('wp')
  .description('wp-orchestrator: Work Programme deadlines, workflows and mail, locally or on AWS')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors (unknown command, missing argument) exit 2, like our validation errors.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

type CommandModule = { register(program: Command): void };
const commandModules: Array<() => Promise<CommandModule>> = [
  () => import('./commands/deadline.ts'),
  () => import('./commands/calendar.ts'),
  () => import('./commands/bench.ts'),
  () => import('./commands/start.ts'),
  () => import('./commands/simulate.ts'),
  () => import('./commands/mail.ts'),
  () => import('./commands/status.ts'),
  () => import('./commands/case.ts'),
  () => import('./commands/mi.ts'),
  () => import('./commands/session.ts'),
  () => import('./commands/visits.ts'),
];

for (const load of commandModules) {
  (await load()).register(program);
}

await program.parseAsync(process.argv);
