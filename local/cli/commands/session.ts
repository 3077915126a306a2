import type { Command } from 'commander';
import { fail } from '../settings.ts';
import { readImportFile, staffAction } from '../staff-action-client.ts';

/**
 * Information Sessions (ch.19) on the running local system: import the PRaP referrals export, record a clerical
 * referral, and record what staff did. Each sends the same staff action the AWS function takes.
 */
export function register(program: Command): void {
  const referrals = program.command('referrals').description('Information Session referrals (PRaP)');
  referrals
    .command('import <file>')
    .description('open an Information Session case for every referral in a PRaP CSV export (repeats have no effect)')
    .option('--http-port <port>')
    .action(async (file: string, o) => {
      await staffAction(o.httpPort, { action: 'import-information-session-referrals', csv: readImportFile(file) });
    });
  referrals
    .command('add')
    .description('record one referral, e.g. an SCR referral that arrived clerically (never emailed)')
    .requiredOption('--nino <nino>')
    .requiredOption('--referral-date <date>', 'e.g. 24/04/2026 or 2026-04-24')
    .requiredOption('--mandation <mandation>', 'mandatory or voluntary (the action plan annotation)')
    .option('--esa-group <text>', 'the ESA claimant group as Annex A names it', '')
    .option('--division <division>', 'england-and-wales or scotland', 'england-and-wales')
    .option('--caseworker <email>')
    .option('--scr', 'Special Customer Record: referred clerically')
    .option('--http-port <port>')
    .action(async (o) => {
      await staffAction(o.httpPort, {
        action: 'refer-information-session',
        referral: {
          nino: o.nino,
          referralDate: o.referralDate,
          mandation: o.mandation,
          esaGroup: o.esaGroup,
          division: o.division,
          scr: Boolean(o.scr),
          caseworkerEmail: o.caseworker ?? null,
        },
      });
    });

  const session = program
    .command('session')
    .description("record what happened on an Information Session referral (the participant's latest)");
  const fact = (name: string, description: string) =>
    session
      .command(name)
      .description(description)
      .requiredOption('--nino <nino>')
      .requiredOption('--date <date>', 'e.g. 24/04/2026 or 2026-04-24')
      .requiredOption('--by <email>', 'who records it')
      .option('--http-port <port>');
  fact(
    'arranged',
    'a session booked, or rearranged after a missed one (no re-referral: the dates keep running)',
  ).action(async (o) => {
    await staffAction(o.httpPort, {
      action: 'information-session',
      case: { nino: o.nino },
      fact: { type: 'session-arranged', sessionDate: o.date, recordedBy: o.by },
    });
  });
  fact('outcome', 'the outcome of a session: --attended or --did-not-attend')
    .option('--attended')
    .option('--did-not-attend')
    .action(async (o) => {
      if (Boolean(o.attended) === Boolean(o.didNotAttend))
        return fail('give exactly one of --attended, --did-not-attend');
      await staffAction(o.httpPort, {
        action: 'information-session',
        case: { nino: o.nino },
        fact: {
          type: 'session-outcome',
          outcome: o.attended ? 'attended' : 'did-not-attend',
          sessionDate: o.date,
          recordedBy: o.by,
        },
      });
    });
  fact('jcp-notified', 'Jobcentre Plus was told of a mandated non-attendance (locally agreed route)')
    .requiredOption('--route <route>', 'how Jobcentre Plus was told')
    .action(async (o) => {
      await staffAction(o.httpPort, {
        action: 'information-session',
        case: { nino: o.nino },
        fact: { type: 'jcp-dna-notified', notifiedOn: o.date, route: o.route, confirmedBy: o.by },
      });
    });
  fact('prap-cancelled', "the referral was cancelled on PRaP with the reason 'Did Not Start'").action(async (o) => {
    await staffAction(o.httpPort, {
      action: 'information-session',
      case: { nino: o.nino },
      fact: { type: 'prap-cancelled', cancelledOn: o.date, confirmedBy: o.by },
    });
  });
  fact('attached', 'an attachment recorded on PRaP (to the Work Programme referral unless told otherwise)')
    .option('--to-information-session-referral', 'it was attached to the Information Session referral by mistake')
    .action(async (o) => {
      await staffAction(o.httpPort, {
        action: 'information-session',
        case: { nino: o.nino },
        fact: {
          type: 'attachment-recorded',
          referralType: o.toInformationSessionReferral ? 'information-session' : 'work-programme',
          attachedOn: o.date,
          recordedBy: o.by,
        },
      });
    });
  fact('backed-out', 'a wrong attachment was backed out (PRaP16 process)').action(async (o) => {
    await staffAction(o.httpPort, {
      action: 'information-session',
      case: { nino: o.nino },
      fact: { type: 'attachment-backed-out', backedOutOn: o.date, recordedBy: o.by },
    });
  });
}
