import type { Hono } from 'hono';
import { html } from 'hono/html';
import { instant } from '../../domain/notices/format.ts';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { act, ctxOf, field } from '../forms.ts';
import { button, csrfField, type FieldError, type PageContext, page, pageHead, textInput } from '../layout.ts';
import { may } from '../roles.ts';

/** A number as typed; text that is not one goes to the schema as it is, and comes back as its error. */
function hoursOf(text: string): number | string | null {
  if (text === '') return null;
  return Number.isNaN(Number(text)) ? text : Number(text);
}

/** Business continuity (paras 85-89): suspend email with Jobcentre Plus, with the reason and expected duration; resume. */
export function registerContinuityPage(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  const render = async (ctx: PageContext, errors: FieldError[] = [], done?: string) => {
    const state = await pd.deps.cases.getContinuity();
    const user = ctx.user;
    const allowed = !!user && may(user, 'continuity');
    const body = html`${pageHead({ title: 'Business continuity', errors, done })}
${
  state.suspendedSince
    ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>
Email with Jobcentre Plus is suspended since ${instant(state.suspendedSince)}: Exit Reports go by the clerical route.</strong></div>`
    : html`<p class="govuk-body" id="continuity-state">Email with Jobcentre Plus is in use.</p>`
}
${
  allowed && !state.suspendedSince
    ? html`<form method="post" action="/continuity/suspend" novalidate>${csrfField(ctx)}
  <h2 class="govuk-heading-m">Suspend email</h2>
  ${textInput({ name: 'reason', label: 'Reason' }, errors)}
  ${textInput({ name: 'expectedResumption', label: 'Expected resumption', hint: 'For example, Mon 2 Mar 2026 17:00' }, errors)}
  ${textInput({ name: 'expectedHours', label: 'Expected duration in hours', hint: '48 or more switches to the clerical route at once and tells Work Programme Division (para 87)', width: 10 }, errors)}
  ${button('Suspend email', true)}</form>`
    : ''
}
${allowed && state.suspendedSince ? html`<form method="post" action="/continuity/resume" novalidate>${csrfField(ctx)}${button('Resume email')}</form>` : ''}`;
    return page(ctx, 'Business continuity', body, errors.length > 0);
  };

  app.get('/continuity', async (c) => c.html(await render(ctxOf(c), [], c.req.query('done'))));

  app.post('/continuity/:change{suspend|resume}', async (c) => {
    const suspend = c.req.param('change') === 'suspend';
    const outcome = await act(c, pd, {
      permission: 'continuity',
      caseId: 'console',
      fieldNames: {
        reason: 'Reason',
        expectedResumption: 'Expected resumption',
        expectedHours: 'Expected duration in hours',
      },
      primaryField: 'reason',
      input: suspend
        ? {
            action: 'suspend-email',
            by: c.get('user').email,
            reason: field(c, 'reason') || null,
            expectedResumption: field(c, 'expectedResumption') || null,
            expectedHours: hoursOf(field(c, 'expectedHours')),
          }
        : { action: 'resume-email', by: c.get('user').email },
    });
    if (outcome.kind === 'refused') return outcome.response;
    if (outcome.kind === 'invalid') return c.html(await render(ctxOf(c), outcome.errors), 400);
    return c.redirect(`/continuity?done=${suspend ? 'Email suspended' : 'Email resumed'}`, 303);
  });
}
