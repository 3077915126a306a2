import type { Command } from 'commander';
import { staffAction } from '../staff-action-client.ts';

/** Staff actions on the running system: referrals, clerical confirmations, early completion, the email switch. */
export function register(program: Command): void {
  const email = program
    .command('email')
    .description('business continuity: suspend or resume email with Jobcentre Plus (paras 85–89)');
  email
    .command('suspend')
    .description(
      'stop emailing Jobcentre Plus: reports go by post or courier; Work Programme Division is emailed now, again once it is expected to last 48 hours, and before email is used again',
    )
    .option('--reason <text>')
    .option('--expected <when>', 'when email is expected back, in words')
    .option(
      '--expected-hours <hours>',
      'how long it is expected to last, in hours (48 or more: clerical route at once)',
    )
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, {
        action: 'suspend-email',
        reason: o.reason ?? null,
        expectedResumption: o.expected ?? null,
        expectedHours: o.expectedHours ? Number(o.expectedHours) : null,
      });
    });
  email
    .command('resume')
    .description('start emailing Jobcentre Plus again (tell Work Programme Division first, para 88)')
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, { action: 'resume-email' });
    });

  const kase = program.command('case').description('staff actions on Exit Report cases of the running local system');
  kase
    .command('refer')
    .description('open the Exit Report case for a Work Programme referral')
    .requiredOption('--nino <nino>')
    .requiredOption('--referral-date <date>', 'e.g. 24/04/2026 or 2026-04-24')
    .requiredOption('--caseworker <email>')
    .option('--division <division>', 'england-and-wales or scotland', 'england-and-wales')
    .option('--contract <contract>', 'contract reference', 'CPA-18-0001')
    .option('--scr', 'Special Customer Record: clerical route only')
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, {
        action: 'refer',
        participant: {
          nino: o.nino,
          referralDate: o.referralDate,
          division: o.division,
          contract: o.contract,
          scr: Boolean(o.scr),
          caseworkerEmail: o.caseworker,
        },
      });
    });
  kase
    .command('confirm-sent')
    .description(
      'record that an Exit Report went by the clerical route (SCR: post or courier via the Nominated Officer)',
    )
    .requiredOption('--nino <nino>')
    .requiredOption('--date <date>', 'the date it was sent, e.g. 24/04/2026 or 2026-04-24')
    .requiredOption('--by <email>', 'who confirms it')
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, {
        action: 'confirm-sent',
        case: { nino: o.nino },
        sentDate: o.date,
        confirmedBy: o.by,
      });
    });
  kase
    .command('clerical-request')
    .description(
      'record a clerical WPER2 (every SCR participant; anyone while email is suspended): starts the 10 working days',
    )
    .requiredOption('--nino <nino>')
    .requiredOption('--request-date <date>', 'the request date on the WPER2, YYYY-MM-DD')
    .requiredOption('--deadline <date>', 'the report return deadline printed on the WPER2, YYYY-MM-DD')
    .requiredOption('--district <name>', 'the Jobcentre Plus District that sent it')
    .requiredOption('--return-address <address>', 'the return address printed on the WPER2')
    .requiredOption('--by <email>', 'who records it')
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, {
        action: 'clerical-request',
        case: { nino: o.nino },
        requestDate: o.requestDate,
        printedDeadline: o.deadline,
        district: o.district,
        returnAddress: o.returnAddress,
        recordedBy: o.by,
      });
    });
  kase
    .command('restart-all')
    .description('start a fresh execution for every open case from its record (after upgrading a definition)')
    .requiredOption('--tag <tag>', 'names the new executions, e.g. v2 (letters, digits, - and _)')
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, { action: 'restart-open-cases', tag: o.tag });
    });
  kase
    .command('recompute-deadlines')
    .description(
      "count every open case's dates again on the current bank-holiday data (after wp calendar refresh and a restart)",
    )
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, { action: 'recompute-deadlines' });
    });
  kase
    .command('early-completion')
    .description("record an early completion (para 10); for 'deceased' give the date of death")
    .requiredOption('--nino <nino>')
    .requiredOption(
      '--reason <reason>',
      'final-outcome-payment-claimed | job-outcome-claimed | referred-to-work-choice | referred-to-work-first-scotland | deceased',
    )
    .requiredOption('--date <date>', 'e.g. 24/04/2026 or 2026-04-24')
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, {
        action: 'early-completion',
        case: { nino: o.nino },
        reason: o.reason,
        date: o.date,
      });
    });
}
