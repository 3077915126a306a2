import type { Command, OptionValues } from 'commander';
import { fail } from '../settings.ts';
import { sendsImport, sendsStaffAction } from '../staff-action-client.ts';

/**
 * Information Sessions (ch.19) on the running local system: import the PRaP referrals export, record a clerical
 * referral, and record what staff did. Each sends the same staff action the AWS function takes.
 */
export function register(program: Command): void {
  const referrals = program.command('referrals').description('Information Session referrals (PRaP)');
  sendsImport(
    referrals,
    'open an Information Session case for every referral in a PRaP CSV export (repeats have no effect)',
    'import-information-session-referrals',
  );
  sendsStaffAction(
    referrals
      .command('add')
      .description('record one referral, e.g. an SCR referral that arrived clerically (never emailed)')
      .requiredOption('--nino <nino>')
      .requiredOption('--referral-date <date>', 'e.g. 24/04/2026 or 2026-04-24')
      .requiredOption('--mandation <mandation>', 'mandatory or voluntary (the action plan annotation)')
      .option('--esa-group <text>', 'the ESA claimant group as Annex A names it', '')
      .option('--division <division>', 'england-and-wales or scotland', 'england-and-wales')
      .option('--caseworker <email>')
      .option('--scr', 'Special Customer Record: referred clerically'),
    (o) => ({
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
    }),
  );

  const session = program
    .command('session')
    .description("record what happened on an Information Session referral (the participant's latest)");
  /** A fact on the participant's latest referral: `extra` adds the fact's own options. */
  const fact = (
    name: string,
    description: string,
    factOf: (o: OptionValues) => Record<string, unknown>,
    extra: (command: Command) => Command = (command) => command,
  ) =>
    sendsStaffAction(
      extra(
        session
          .command(name)
          .description(description)
          .requiredOption('--nino <nino>')
          .requiredOption('--date <date>', 'e.g. 24/04/2026 or 2026-04-24')
          .requiredOption('--by <email>', 'who records it'),
      ),
      (o) => ({ action: 'information-session', case: { nino: o.nino }, fact: factOf(o) }),
    );
  fact(
    'arranged',
    'a session booked, or rearranged after a missed one (no re-referral: the dates keep running)',
    (o) => ({ type: 'session-arranged', sessionDate: o.date, recordedBy: o.by }),
  );
  fact(
    'outcome',
    'the outcome of a session: --attended or --did-not-attend',
    (o) => {
      if (Boolean(o.attended) === Boolean(o.didNotAttend)) fail('give exactly one of --attended, --did-not-attend');
      return {
        type: 'session-outcome',
        outcome: o.attended ? 'attended' : 'did-not-attend',
        sessionDate: o.date,
        recordedBy: o.by,
      };
    },
    (command) => command.option('--attended').option('--did-not-attend'),
  );
  fact(
    'jcp-notified',
    'Jobcentre Plus was told of a mandated non-attendance (locally agreed route)',
    (o) => ({ type: 'jcp-dna-notified', notifiedOn: o.date, route: o.route, confirmedBy: o.by }),
    (command) => command.requiredOption('--route <route>', 'how Jobcentre Plus was told'),
  );
  fact('prap-cancelled', "the referral was cancelled on PRaP with the reason 'Did Not Start'", (o) => ({
    type: 'prap-cancelled',
    cancelledOn: o.date,
    confirmedBy: o.by,
  }));
  fact(
    'attached',
    'an attachment recorded on PRaP (to the Work Programme referral unless told otherwise)',
    (o) => ({
      type: 'attachment-recorded',
      referralType: o.toInformationSessionReferral ? 'information-session' : 'work-programme',
      attachedOn: o.date,
      recordedBy: o.by,
    }),
    (command) =>
      command.option(
        '--to-information-session-referral',
        'it was attached to the Information Session referral by mistake',
      ),
  );
  fact(
    'wp11',
    'a WP11 that came on paper or by phone (a mailed WP11 is read from the inbox)',
    (o) => ({
      type: 'wp11-received',
      receivedOn: o.date,
      how: o.byPhone ? 'phone' : 'paper',
      interviewDate: o.interviewDate ?? null,
      recordedBy: o.by,
    }),
    (command) =>
      command
        .option('--by-phone', 'it was given by phone (default: on paper)')
        .option('--interview-date <date>', 'the follow-up interview date at Jobcentre Plus, if the WP11 gives one'),
  );
  fact('backed-out', 'a wrong attachment was backed out (PRaP16 process)', (o) => ({
    type: 'attachment-backed-out',
    backedOutOn: o.date,
    recordedBy: o.by,
  }));
}
