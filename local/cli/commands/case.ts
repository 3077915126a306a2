import type { Command, OptionValues } from 'commander';
import { sendsStaffAction } from '../staff-action-client.ts';

/** Staff actions on the running system: referrals, clerical confirmations, early completion, the email switch. */
export function register(program: Command): void {
  const email = program
    .command('email')
    .description('business continuity: suspend or resume email with Jobcentre Plus (paras 85–89)');
  sendsStaffAction(
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
      .requiredOption('--by <email>', 'who is suspending email (recorded with the switch)'),
    (o) => ({
      action: 'suspend-email',
      by: o.by,
      reason: o.reason ?? null,
      expectedResumption: o.expected ?? null,
      expectedHours: o.expectedHours ? Number(o.expectedHours) : null,
    }),
  );
  sendsStaffAction(
    email
      .command('resume')
      .description('start emailing Jobcentre Plus again (tell Work Programme Division first, para 88)')
      .requiredOption('--by <email>', 'who is resuming email (recorded with the switch)'),
    (o) => ({ action: 'resume-email', by: o.by }),
  );

  const kase = program.command('case').description('staff actions on Exit Report cases of the running local system');
  /** An action on the participant's case (--nino), with who records it (--by): `options` adds its own options. */
  const recorded = (
    name: string,
    description: string,
    action: string,
    options: (command: Command) => Command,
    fieldsOf: (o: OptionValues) => Record<string, unknown>,
  ) =>
    sendsStaffAction(
      options(kase.command(name).description(description).requiredOption('--nino <nino>')).requiredOption(
        '--by <email>',
        'who records it',
      ),
      (o) => ({ action, case: { nino: o.nino }, ...fieldsOf(o), recordedBy: o.by }),
    );
  sendsStaffAction(
    kase
      .command('refer')
      .description('open the Exit Report case for a Work Programme referral')
      .requiredOption('--nino <nino>')
      .requiredOption('--referral-date <date>', 'e.g. 24/04/2026 or 2026-04-24')
      .requiredOption('--caseworker <email>')
      .option('--division <division>', 'england-and-wales or scotland', 'england-and-wales')
      .option('--contract <contract>', 'contract reference', 'CPA-18-0001')
      .option('--scr', 'Special Customer Record: clerical route only')
      .option(
        '--sub-contractor <id>',
        'the sub-contractor the participant is attached to (its id in the configuration)',
      ),
    (o) => ({
      action: 'refer',
      participant: {
        nino: o.nino,
        referralDate: o.referralDate,
        division: o.division,
        contract: o.contract,
        scr: Boolean(o.scr),
        subContractor: o.subContractor ?? null,
        caseworkerEmail: o.caseworker,
      },
    }),
  );
  sendsStaffAction(
    kase
      .command('confirm-sent')
      .description(
        'record that an Exit Report went by the clerical route (SCR: post or courier via the Nominated Officer)',
      )
      .requiredOption('--nino <nino>')
      .requiredOption('--date <date>', 'the date it was sent, e.g. 24/04/2026 or 2026-04-24')
      .requiredOption('--by <email>', 'who confirms it'),
    (o) => ({
      action: 'confirm-sent',
      case: { nino: o.nino },
      sentDate: o.date,
      confirmedBy: o.by,
    }),
  );
  recorded(
    'clerical-request',
    'record a clerical WPER2 (every SCR participant; anyone while email is suspended): starts the 10 working days',
    'clerical-request',
    (command) =>
      command
        .requiredOption('--request-date <date>', 'the request date on the WPER2, YYYY-MM-DD')
        .requiredOption('--deadline <date>', 'the report return deadline printed on the WPER2, YYYY-MM-DD')
        .requiredOption('--district <name>', 'the Jobcentre Plus District that sent it')
        .requiredOption('--return-address <address>', 'the return address printed on the WPER2'),
    (o) => ({
      requestDate: o.requestDate,
      printedDeadline: o.deadline,
      district: o.district,
      returnAddress: o.returnAddress,
    }),
  );
  sendsStaffAction(
    kase
      .command('post-package')
      .description(
        'record Exit Reports posted together to one District (first class or courier, at most 49): prints the manifest',
      )
      .requiredOption('--district <name>', 'the Jobcentre Plus District the package goes to')
      .requiredOption('--return-address <address>', 'the return address on the WPER2')
      .requiredOption('--date <date>', 'the posting date, YYYY-MM-DD')
      .option('--method <method>', 'first-class or courier', 'first-class')
      .option('--courier-delivery <date>', 'by courier: the delivery date the courier gives, YYYY-MM-DD')
      .requiredOption('--by <email>', 'who posted it')
      .requiredOption('--nino <nino...>', 'the participants whose reports are in the package')
      .option('--json', 'print the answer as JSON instead of the manifest'),
    (o) => ({
      action: 'post-package',
      district: o.district,
      returnAddress: o.returnAddress,
      method: o.method,
      postedDate: o.date,
      courierDelivery: o.courierDelivery ?? null,
      postedBy: o.by,
      cases: (o.nino as string[]).map((nino) => ({ nino })),
    }),
    (o) => (o.json ? undefined : (result) => `${(result.manifest as string[]).join('\n')}\n`),
  );
  recorded(
    'wrong-sub-contractor',
    'record that a request row went to the wrong sub-contractor: it is emailed to delete the record',
    'sub-contractor-misdirected',
    (command) => command.requiredOption('--sub-contractor <id>', 'the sub-contractor it went to in error'),
    (o) => ({
      subContractor: o.subContractor,
    }),
  );
  recorded(
    'district-call',
    'record the outcome of a call to the District SPoC (paras 39, 45, 50)',
    'district-call',
    (command) =>
      command
        .requiredOption(
          '--reason <reason>',
          'original-not-received | original-received | sent-in-error | wrong-details | other-provider | over-40-records | wrong-district',
        )
        .requiredOption('--date <date>', 'the date of the call, YYYY-MM-DD')
        .requiredOption('--outcome <text>', 'what was agreed'),
    (o) => ({
      reason: o.reason,
      calledOn: o.date,
      outcome: o.outcome,
    }),
  );
  sendsStaffAction(
    kase
      .command('remove-row')
      .description(
        "remove a participant's row with wrong details (or another provider's) from a received form: their request is withdrawn, the rest continues (paras 49-50)",
      )
      .requiredOption('--nino <nino>')
      .requiredOption('--grounds <grounds>', 'wrong-details | other-provider')
      .requiredOption('--reason <text>', 'what was agreed with the District SPoC')
      .requiredOption('--by <email>', 'who removes it'),
    (o) => ({ action: 'remove-request-row', case: { nino: o.nino }, grounds: o.grounds, reason: o.reason, by: o.by }),
  );
  recorded(
    'wrong-district',
    'record a report sent to the wrong District: it is sent to the correct one, DWP security is told (paras 74-75)',
    'wrong-district',
    (command) =>
      command
        .requiredOption('--district <name>', 'the correct District')
        .option('--return-email <email>', "the correct District SPoC's inbox (an emailed report is re-sent there)"),
    (o) => ({
      correctDistrict: o.district,
      correctReturnEmail: o.returnEmail ?? null,
    }),
  );
  recorded(
    'participant-copy',
    "record the participant's copy of their report: given (and how) or told of the right (paras 63-64)",
    'participant-copy',
    (command) =>
      command
        .requiredOption('--offer <offer>', 'copy-given or told-of-right')
        .option('--how <how>', 'face-to-face, collected, emailed or posted')
        .option('--told-of-risks', 'the participant was told the risks of email or post (para 64)'),
    (o) => ({
      offer: o.offer,
      how: o.how ?? null,
      toldOfRisks: Boolean(o.toldOfRisks),
    }),
  );
  recorded(
    'record-receipt',
    'record when Jobcentre Plus received a posted Exit Report: the case is judged on it',
    'record-receipt',
    (command) => command.requiredOption('--date <date>', 'the date it was received, YYYY-MM-DD'),
    (o) => ({
      receivedDate: o.date,
    }),
  );
  sendsStaffAction(
    kase
      .command('restart-all')
      .description('start a fresh execution for every open case from its record (after upgrading a definition)')
      .requiredOption('--tag <tag>', 'names the new executions, e.g. v2 (letters, digits, - and _)'),
    (o) => ({ action: 'restart-open-cases', tag: o.tag }),
  );
  sendsStaffAction(
    kase
      .command('recompute-deadlines')
      .description(
        "count every open case's dates again on the current bank-holiday data (after wp calendar refresh and a restart)",
      ),
    () => ({ action: 'recompute-deadlines' }),
  );
  sendsStaffAction(
    kase
      .command('early-completion')
      .description("record an early completion (para 10); for 'deceased' give the date of death")
      .requiredOption('--nino <nino>')
      .requiredOption(
        '--reason <reason>',
        'final-outcome-payment-claimed | job-outcome-claimed | referred-to-work-choice | referred-to-work-first-scotland | deceased',
      )
      .requiredOption('--date <date>', 'e.g. 24/04/2026 or 2026-04-24'),
    (o) => ({
      action: 'early-completion',
      case: { nino: o.nino },
      reason: o.reason,
      date: o.date,
    }),
  );
}
