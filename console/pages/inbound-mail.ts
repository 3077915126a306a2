import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { InboundMessageOutcome } from '../../adapters/store/table-store.ts';
import { instant, quoted, readable } from '../../domain/notices/format.ts';
import { DESTRUCTION_GROUNDS } from '../../functions/staff-action/inbound-mail-actions.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { act, ctxOf, field } from '../forms.ts';
import {
  button,
  csrfField,
  type FieldError,
  type Fragment,
  type PageContext,
  page,
  pageHead,
  selectInput,
} from '../layout.ts';
import { may } from '../roles.ts';

const GROUND_NAMES: Record<(typeof DESTRUCTION_GROUNDS)[number], string> = {
  'sent-in-error': 'Sent to us in error (para 46)',
  'not-designated-inbox': 'Not sent from the designated Jobcentre Plus inbox (para 46)',
};

/** A finding as the handler records it ("flag invalid-nino: Row 2: …"): the words a person reads. */
const wordsOf = (finding: string) => readable(finding.replace(/^(?:reject|flag|info|warn\w*) [\w-]+: /, ''));

/**
 * What the outcome records say needs a telephone call to the District SPoC: a sender not designated or not
 * authenticated (para 40), rows with wrong details, more than 40 records, a deadline to check (paras 45, 49, 50).
 */
export function needsDistrictCall(m: InboundMessageOutcome): boolean {
  if (m.destroyed) return false;
  if (m.status === 'rejected' && (m.reason === 'sender' || m.reason === 'authentication')) return true;
  const said = [m.detail ?? '', ...m.findings, ...m.flags].join('\n');
  return /\b(phone|telephone|contact|check it with) (the )?Jobcentre Plus/i.test(said);
}

function outcomeOf(m: InboundMessageOutcome): Fragment {
  const tag =
    m.status === 'accepted'
      ? html`<strong class="govuk-tag govuk-tag--green">Accepted</strong>`
      : m.status === 'rejected'
        ? html`<strong class="govuk-tag govuk-tag--red">Rejected</strong>`
        : html`<strong class="govuk-tag govuk-tag--grey">Being handled</strong>`;
  return html`${tag} ${m.kind ?? ''}${m.reason ? html` (${m.reason})` : ''}${
    m.status === 'accepted' ? html`, ${m.actioned} actioned` : ''
  }${m.repeats > 0 ? html`, received ${m.repeats + 1} times` : ''}${
    m.destroyed
      ? html`<p class="govuk-body-s"><strong class="govuk-tag govuk-tag--grey">Destroyed</strong> ${instant(m.destroyed.at)} by ${m.destroyed.by}: ${GROUND_NAMES[m.destroyed.grounds as keyof typeof GROUND_NAMES] ?? m.destroyed.grounds}. ${m.destroyed.reason}</p>`
      : ''
  }`;
}

function findingsOf(m: InboundMessageOutcome): Fragment {
  const said = [...(m.detail ? [m.detail] : []), ...m.findings.map(wordsOf)];
  // A flagged row the reading already explained ("Row 3: …" within "Row 3: …. Left out: phone …") is said once.
  const flags = m.flags.map(readable).filter((f) => !said.some((s) => s.startsWith(f)));
  const unique = [...new Set([...said, ...flags])];
  if (unique.length === 0) return html`None`;
  return html`<ul class="govuk-list govuk-list--bullet">${unique.map((f) => html`<li>${f}</li>`)}</ul>`;
}

function messageTable(id: string, caption: string, messages: InboundMessageOutcome[]): Fragment {
  return html`<table class="govuk-table" id="${id}"><caption class="govuk-table__caption govuk-table__caption--m">${caption}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Received</th><th scope="col" class="govuk-table__header">From</th><th scope="col" class="govuk-table__header">Subject</th><th scope="col" class="govuk-table__header">Outcome</th><th scope="col" class="govuk-table__header">Findings</th></tr></thead>
<tbody class="govuk-table__body">${messages.map(
    (
      m,
    ) => html`<tr class="govuk-table__row" data-message="${m.key}"><td class="govuk-table__cell">${m.receivedAt ? instant(m.receivedAt) : 'Unknown'}<br><span class="govuk-body-s">Key ${m.key}</span></td>
<td class="govuk-table__cell">${m.from ?? 'No readable address'}</td><td class="govuk-table__cell">${quoted(m.subject ?? '')}</td>
<td class="govuk-table__cell">${outcomeOf(m)}</td><td class="govuk-table__cell">${findingsOf(m)}</td></tr>`,
  )}</tbody></table>`;
}

/**
 * Inbound mail: every message received with its outcome and findings, newest first; those the outcome records
 * say need a call to the District SPoC; and, for the SPoC lead, destroying a form agreed to have been sent in error
 * or not from a designated inbox (paras 46, 49), the record of it kept on the message's outcome.
 */
export function registerInboundMailPage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  const render = async (ctx: PageContext, errors: FieldError[] = [], done?: string, typed?: Record<string, string>) => {
    const messages = await pd.deps.cases.inboundMessages();
    const calls = messages.filter(needsDistrictCall);
    const destroyable = messages.filter((m) => !m.destroyed);
    const allowed = !!ctx.user && may(ctx.user, 'inbound-mail');
    const reasonError = errors.find((e) => e.field === 'reason');
    const body = html`${pageHead({ title: 'Inbound mail', errors, done })}
<p class="govuk-body">${messages.length} message(s) received; ${calls.length} need a call to the Jobcentre Plus District SPoC.</p>
${
  calls.length > 0
    ? messageTable('district-calls', 'Needs a call to the District SPoC (paras 40, 45)', calls)
    : html`<p class="govuk-body" id="district-calls">No message needs a call to the District SPoC.</p>`
}
${messageTable('inbound', 'Every message received, newest first', messages)}
${
  allowed && destroyable.length > 0
    ? html`<form method="post" action="/inbound-mail/destroy" novalidate>${csrfField(ctx)}
  <h2 class="govuk-heading-m">Destroy a form sent in error</h2>
  <p class="govuk-body">When it is agreed with the Jobcentre Plus District SPoC that a form was sent in error, or not from the designated inbox, the message is deleted for good. The record of what was done, by you, is kept (paras 46, 49).</p>
  ${selectInput(
    {
      name: 'message',
      label: 'Message',
      value: typed?.message,
      options: destroyable.map((m) => [
        m.key,
        `${m.receivedAt ? instant(m.receivedAt) : 'Unknown'}: ${m.from ?? 'no address'}, ${quoted(m.subject ?? '', 60)}`,
      ]),
    },
    errors,
  )}
  ${selectInput(
    {
      name: 'grounds',
      label: 'Agreed with the District SPoC that it was',
      value: typed?.grounds,
      options: DESTRUCTION_GROUNDS.map((g) => [g, GROUND_NAMES[g]]),
    },
    errors,
  )}
  <div class="govuk-form-group${reasonError ? ' govuk-form-group--error' : ''}">
    <label class="govuk-label" for="reason">What was agreed, and with whom</label>
    ${reasonError ? html`<p id="reason-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${reasonError.message}</p>` : ''}
    <textarea class="govuk-textarea${reasonError ? ' govuk-textarea--error' : ''}" id="reason" name="reason" rows="3">${typed?.reason ?? ''}</textarea>
  </div>
  <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>The message cannot be recovered once destroyed.</strong></div>
  ${button('Destroy the message')}</form>`
    : ''
}`;
    return page(ctx, 'Inbound mail', body, errors.length > 0);
  };

  app.get('/inbound-mail', async (c) => c.html(await render(ctxOf(c), [], c.req.query('done'))));

  app.post('/inbound-mail/destroy', async (c) => {
    const typed = { message: field(c, 'message'), grounds: field(c, 'grounds'), reason: field(c, 'reason') };
    const outcome = await act(c, pd, {
      permission: 'inbound-mail',
      caseId: 'console',
      fieldNames: { message: 'Message', grounds: 'Grounds', reason: 'What was agreed' },
      primaryField: 'message',
      input: { action: 'destroy-inbound-message', ...typed, by: c.get('user').email },
    });
    if (outcome.kind === 'refused') return outcome.response;
    if (outcome.kind === 'invalid') return c.html(await render(ctxOf(c), outcome.errors, undefined, typed), 400);
    return c.redirect('/inbound-mail?done=The message was destroyed and the record kept', 303);
  });
}
