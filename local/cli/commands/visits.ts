import type { Command, OptionValues } from 'commander';
import { fail } from '../settings.ts';
import { sendsImport, sendsStaffAction } from '../staff-action-client.ts';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The compliance handover (memo 147) on the running local system: CMO visits and what happens to their ESF2a. */
export function register(program: Command): void {
  const visits = program.command('visits').description('CMO visits and their ESF2a actions (memo 147)');
  sendsImport(
    visits,
    'open a compliance case for every CMO visit in a CSV (one row per ESF2a; repeats have no effect)',
    'import-cmo-visits',
  );

  const visit = program.command('visit').description('record what happened on a CMO visit (by its reference)');
  const fact = (name: string, description: string) =>
    visit.command(name).description(description).requiredOption('--visit <ref>');
  /** Sends the fact the options describe on the visit named by --visit. */
  const sends = (command: Command, factOf: (o: OptionValues) => Record<string, unknown>) =>
    sendsStaffAction(command, (o) => ({ action: 'compliance', visit: { visitRef: o.visit }, fact: factOf(o) }));

  sends(
    fact('evidence', 'additional evidence for an ESF2a (within 48 hours it leaves the PM selection)')
      .requiredOption('--ref <esf2a>')
      .requiredOption('--note <text>'),
    (o) => ({ type: 'evidence-recorded', reference: o.ref, note: o.note }),
  );
  sends(
    fact('progress', 'a progress note on an ESF2a, for the PM discussion')
      .requiredOption('--ref <esf2a>')
      .requiredOption('--by <email>')
      .requiredOption('--note <text>'),
    (o) => ({ type: 'progress-note', reference: o.ref, by: o.by, note: o.note }),
  );
  sends(
    fact('resolved', 'the provider has dealt with an ESF2a (the PM still decides)')
      .requiredOption('--ref <esf2a>')
      .requiredOption('--note <text>'),
    (o) => ({ type: 'provider-resolved', reference: o.ref, note: o.note }),
  );
  sends(
    fact('handover', "the CMO's handover to the PM: the ESF2a selected").requiredOption(
      '--selected <refs>',
      'comma-separated ESF2a references',
    ),
    (o) => ({ type: 'cmo-handover', selected: list(o.selected) }),
  );
  sends(
    fact('esf3', "the CMO's ESF3 report arrived").requiredOption('--date <date>', 'e.g. 24/04/2026 or 2026-04-24'),
    (o) => ({ type: 'esf3-received', receivedDate: o.date }),
  );
  sends(
    fact('pm-visit', 'the PM visit is arranged').requiredOption('--date <date>', 'e.g. 24/04/2026 or 2026-04-24'),
    (o) => ({ type: 'pm-visit-arranged', visitDate: o.date }),
  );
  sends(
    fact('pm-review', "the PM's review: each selected ESF2a resolved or unresolved (unresolved go to the CPR)")
      .requiredOption('--date <date>', 'e.g. 24/04/2026 or 2026-04-24')
      .option('--resolved <refs>', 'comma-separated')
      .option('--unresolved <refs>', 'comma-separated'),
    (o) => {
      const outcomes = [
        ...list(o.resolved).map((reference) => ({ reference, outcome: 'resolved' })),
        ...list(o.unresolved).map((reference) => ({ reference, outcome: 'unresolved' })),
      ];
      if (outcomes.length === 0) fail('give --resolved and/or --unresolved');
      return { type: 'pm-review', visitDate: o.date, outcomes };
    },
  );
}
