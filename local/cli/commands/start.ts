import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { configuredUsers } from '../../../console/local-sign-in.ts';
import { startLive } from '../../live.ts';
import { DEFAULT_HTTP_PORT, DEFAULT_SMTP_PORT, dataDir, fail, loadConfig } from '../settings.ts';
import { printSummary, simulate } from './simulate.ts';

const DEMO = fileURLToPath(new URL('../../../scenarios/demo.json', import.meta.url));

interface StartOptions {
  scenario?: string;
  demo: boolean;
  serve: boolean;
  smtpPort: string;
  httpPort: string;
  data?: string;
  config?: string;
}

/** Node 22.13 or later is recommended (the Lambda runtime is Node 22); 20.19 or later works. */
export const RECOMMENDED_NODE = { major: 22, minor: 13 };

/** One line about this Node when it is not the recommended one, else null. */
export function nodeVersionNote(version = process.versions.node): string | null {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > RECOMMENDED_NODE.major || (major === RECOMMENDED_NODE.major && minor >= RECOMMENDED_NODE.minor))
    return null;
  return `Node ${version}: supported, but Node ${RECOMMENDED_NODE.major}.${RECOMMENDED_NODE.minor} or later is recommended (what the Lambda functions run; see README "Node versions").`;
}

export function register(program: Command): void {
  program
    .command('start')
    .description(
      'run the system locally: the demo scenario on an accelerated clock, then the live system (SMTP inbox, outbox, status page)',
    )
    .option('--scenario <file>', 'the scenario to run first', DEMO)
    .option('--no-demo', 'skip the scenario; serve straight away')
    .option('--no-serve', 'stop after the scenario')
    .option('--smtp-port <port>', 'loopback SMTP port for inbound mail', String(DEFAULT_SMTP_PORT))
    .option('--http-port <port>', 'loopback port for the status page and staff actions', String(DEFAULT_HTTP_PORT))
    .option('--data <dir>', 'data folder (default .wp-data)')
    .option('--config <file>', 'provider configuration JSON (default wp.config.json or the demo configuration)')
    .action(async (options: StartOptions) => {
      const { config, source } = loadConfig(options.config);
      process.stdout.write(`wp-orchestrator, local runtime. Provider configuration: ${source}\n`);
      const node = nodeVersionNote();
      if (node) {
        process.stdout.write(`${node}\n`);
        // Said once, here: the AWS SDK would otherwise print its own Node version warning mid-progress.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
      }
      if (options.demo) {
        process.stdout.write(`\nRunning ${options.scenario} on the virtual clock (month by month: cases by stage)\n`);
        try {
          const { report, reportPath } = await simulate(options.scenario as string, {
            data: options.data,
            config: options.config,
            quiet: true,
            progress: true,
          });
          printSummary(report, reportPath);
        } catch (err) {
          fail((err as Error).message, 1);
        }
      }
      if (!options.serve) return;
      const live = await startLive({
        dataDir: dataDir(options.data),
        // Staff notices link to the case page in the local console unless the configuration names another address.
        config: { ...config, consoleUrl: config.consoleUrl ?? `http://127.0.0.1:${Number(options.httpPort)}` },
        smtpPort: Number(options.smtpPort),
        httpPort: Number(options.httpPort),
        log: (line) => process.stdout.write(`${new Date().toISOString()}  ${line}\n`),
        // Console users from the configuration file's `consoleUsers`, else one demo user per role.
        consoleUsers: source.startsWith('/')
          ? (configuredUsers(JSON.parse(readFileSync(source, 'utf8'))) ?? undefined)
          : undefined,
      });
      process.stdout.write(
        [
          '',
          `Live system running on the real clock, data in ${dataDir(options.data)}:`,
          `  inbound mail: SMTP on 127.0.0.1:${live.smtpPort} (try: npx wp mail inject test/fixtures/mail/<file>.eml)`,
          `  outbound mail: ${dataDir(options.data)}/outbox/*.eml`,
          `  staff console: http://127.0.0.1:${live.httpPort}/ (status: /status.html, or npx wp status)`,
          '  one-time console sign-in links (each works once):',
          ...live.consoleSignInLinks.map(({ user, url }) => `    ${user.name} (${user.roles.join(', ')}): ${url}`),
          '  Ctrl-C to stop; open cases resume from their records next time.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.stdout.write('Stopping…\n');
      await live.stop();
    });
}
