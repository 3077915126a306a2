import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { act, ctxOf, field, typedDate } from '../forms.ts';
import {
  button,
  csrfField,
  type FieldError,
  type PageContext,
  page,
  pageHead,
  selectInput,
  textInput,
} from '../layout.ts';

const LABELS: Record<string, string> = {
  nino: 'National Insurance number',
  referralDate: 'Referral date',
  division: 'Division',
  contract: 'Contract',
  scr: 'Special Customer Record',
  subContractor: 'Sub-contractor',
  caseworkerEmail: 'Caseworker email',
};

function referForm(ctx: PageContext, errors: FieldError[], v: Record<string, string>) {
  return html`${pageHead({ title: 'Refer a participant', errors })}
<p class="govuk-body">Opens the participant's Exit Report case: the WPER2E is expected from day 714 after the referral date.</p>
<form method="post" action="/refer" novalidate>
  ${csrfField(ctx)}
  ${textInput({ name: 'nino', label: LABELS.nino as string, hint: 'For example, QQ 12 34 56 C', value: v.nino, width: 10 }, errors)}
  ${textInput({ name: 'referralDate', label: LABELS.referralDate as string, hint: 'For example, 27/03/2026', value: v.referralDate, width: 10 }, errors)}
  ${selectInput(
    {
      name: 'division',
      label: LABELS.division as string,
      value: v.division,
      options: [
        ['england-and-wales', 'England and Wales'],
        ['scotland', 'Scotland'],
      ],
    },
    errors,
  )}
  ${textInput({ name: 'contract', label: LABELS.contract as string, value: v.contract, width: 20 }, errors)}
  ${selectInput(
    {
      name: 'scr',
      label: LABELS.scr as string,
      value: v.scr,
      options: [
        ['no', 'No'],
        ['yes', 'Yes: clerical route only'],
      ],
    },
    errors,
  )}
  ${textInput({ name: 'subContractor', label: `${LABELS.subContractor} (optional)`, value: v.subContractor, width: 20 }, errors)}
  ${textInput({ name: 'caseworkerEmail', label: LABELS.caseworkerEmail as string, value: v.caseworkerEmail, type: 'email' }, errors)}
  ${button('Refer')}
</form>`;
}

/** Refer: one participant's Exit Report case, as the `refer` staff action (same schema, same handler). */
export function registerReferPage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  app.get('/refer', (c) =>
    c.html(page(ctxOf(c), 'Refer a participant', referForm(ctxOf(c), [], { caseworkerEmail: c.get('user').email }))),
  );

  app.post('/refer', async (c) => {
    const v = Object.fromEntries(Object.keys(LABELS).map((k) => [k, field(c, k)]));
    const outcome = await act(c, pd, {
      permission: 'exit-report',
      caseId: 'new',
      fieldNames: LABELS,
      primaryField: 'referralDate',
      input: {
        action: 'refer',
        participant: {
          nino: v.nino,
          referralDate: typedDate(v.referralDate ?? ''),
          division: v.division,
          contract: v.contract,
          scr: v.scr === 'yes',
          subContractor: v.subContractor || null,
          caseworkerEmail: v.caseworkerEmail,
        },
      },
    });
    if (outcome.kind === 'refused') return outcome.response;
    if (outcome.kind === 'invalid')
      return c.html(page(ctxOf(c), 'Refer a participant', referForm(ctxOf(c), outcome.errors, v), true), 400);
    return c.redirect(`/cases/${String(outcome.result.caseId)}?done=1`, 303);
  });
}
