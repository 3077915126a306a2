import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { may, ROLE_NAMES, type StaffUser } from './roles.ts';

/** A fragment of a page: escaped by `html`, so text from a record can never become markup. */
export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageContext {
  user: StaffUser | null;
  csrf: string;
  path: string;
}

const NAV: Array<{ href: string; text: string; show?: (user: StaffUser) => boolean }> = [
  { href: '/', text: 'Work' },
  { href: '/refer', text: 'Refer', show: (u) => may(u, 'exit-report') },
  { href: '/imports', text: 'Imports', show: (u) => may(u, 'imports') },
  { href: '/inbound-mail', text: 'Inbound mail' },
  { href: '/mi-return', text: 'MI return' },
  { href: '/continuity', text: 'Business continuity' },
  { href: '/calendar', text: 'Calendar' },
  { href: '/performance', text: 'Performance' },
];

/**
 * The GOV.UK page template, served with GOV.UK Frontend and MoJ Frontend from the app itself: the header, the
 * MoJ primary navigation, the main column. No inline script: /assets/console.mjs marks the body as
 * JavaScript-enabled and starts the components.
 */
export function page(ctx: PageContext, title: string, body: Fragment, errors = false): Fragment {
  const user = ctx.user;
  const nav = user
    ? html`<nav class="moj-primary-navigation" aria-label="Primary navigation">
  <div class="moj-primary-navigation__container"><div class="moj-primary-navigation__nav">
    <ul class="moj-primary-navigation__list">
      ${NAV.filter((item) => !item.show || item.show(user)).map(
        (item) =>
          html`<li class="moj-primary-navigation__item"><a class="moj-primary-navigation__link" href="${item.href}"${
            isCurrent(ctx.path, item.href) ? raw(' aria-current="page"') : ''
          }>${item.text}</a></li>`,
      )}
    </ul></div></div></nav>`
    : '';
  return html`<!doctype html>
<html lang="en" class="govuk-template govuk-template--rebranded">
<head>
  <meta charset="utf-8">
  <title>${errors ? 'Error: ' : ''}${title} – Work Programme console</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/assets/govuk-frontend.min.css">
  <link rel="stylesheet" href="/assets/moj-frontend.min.css">
  <link rel="stylesheet" href="/assets/console.css">
  <script type="module" src="/assets/console.mjs"></script>
</head>
<body class="govuk-template__body">
  <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
  <section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">
    <div class="govuk-width-container"><div class="govuk-service-navigation__container">
      <span class="govuk-service-navigation__service-name"><a href="/" class="govuk-service-navigation__link">Work Programme console</a></span>
    </div></div>
  </section>
  ${
    user
      ? html`<div class="govuk-width-container"><p class="govuk-body-s console-identity">Signed in as ${user.name} (${user.email}), ${user.roles
          .map((r) => ROLE_NAMES[r])
          .join(', ')}. <a class="govuk-link" href="/sign-out">Sign out</a></p></div>`
      : ''
  }
  ${nav}
  <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content">
      ${body}
    </main>
  </div>
  <footer class="govuk-footer"><div class="govuk-width-container"><p class="govuk-body-s">Dates are Europe/London, counted on the GOV.UK bank-holiday calendars.</p></div></footer>
</body>
</html>`;
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** A hidden CSRF field: every form carries one; a POST without it is refused. */
export function csrfField(ctx: PageContext): Fragment {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

export interface FieldError {
  field: string;
  message: string;
}

/** The GOV.UK error summary: each message links to its field. */
export function errorSummary(errors: FieldError[]): Fragment {
  if (errors.length === 0) return html``;
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">There is a problem</h2>
  <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
    ${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}
  </ul></div></div></div>`;
}

/** The top of a page: what went wrong (each linked to its field), what was done, the caption and the heading. */
export function pageHead(head: { title: string; caption?: string; errors?: FieldError[]; done?: string }): Fragment {
  return html`${errorSummary(head.errors ?? [])}${head.done ? banner(head.done, 'success') : ''}${
    head.caption ? html`<span class="govuk-caption-l">${head.caption}</span>` : ''
  }<h1 class="govuk-heading-l">${head.title}</h1>`;
}

export interface InputField {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  type?: 'text' | 'date' | 'email';
  width?: 10 | 20 | 30;
}

export function textInput(field: InputField, errors: FieldError[]): Fragment {
  const error = errors.find((e) => e.field === field.name);
  const described = [field.hint ? `${field.name}-hint` : '', error ? `${field.name}-error` : ''].filter(Boolean);
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
  <label class="govuk-label" for="${field.name}">${field.label}</label>
  ${field.hint ? html`<div id="${field.name}-hint" class="govuk-hint">${field.hint}</div>` : ''}
  ${error ? html`<p id="${field.name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${error.message}</p>` : ''}
  <input class="govuk-input${field.width ? ` govuk-input--width-${field.width}` : ''}${error ? ' govuk-input--error' : ''}" id="${field.name}" name="${field.name}" type="${field.type ?? 'text'}" value="${field.value ?? ''}"${
    described.length > 0 ? raw(` aria-describedby="${described.join(' ')}"`) : ''
  }>
</div>`;
}

export function selectInput(
  field: { name: string; label: string; value?: string; options: Array<[string, string]> },
  errors: FieldError[],
): Fragment {
  const error = errors.find((e) => e.field === field.name);
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
  <label class="govuk-label" for="${field.name}">${field.label}</label>
  ${error ? html`<p id="${field.name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${error.message}</p>` : ''}
  <select class="govuk-select" id="${field.name}" name="${field.name}">
    ${field.options.map(([value, text]) => html`<option value="${value}"${value === field.value ? raw(' selected') : ''}>${text}</option>`)}
  </select>
</div>`;
}

export function summaryList(rows: Array<[string, Fragment | string]>): Fragment {
  return html`<dl class="govuk-summary-list">
  ${rows.map(
    ([key, value]) =>
      html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${key}</dt><dd class="govuk-summary-list__value">${value}</dd></div>`,
  )}
</dl>`;
}

export function button(text: string, secondary = false): Fragment {
  return html`<button type="submit" class="govuk-button${secondary ? ' govuk-button--secondary' : ''}" data-module="govuk-button">${text}</button>`;
}

export function banner(text: string, kind: 'success' | 'important' = 'important'): Fragment {
  return html`<div class="govuk-notification-banner${kind === 'success' ? ' govuk-notification-banner--success' : ''}" role="region" aria-labelledby="banner-title" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="banner-title">${kind === 'success' ? 'Success' : 'Important'}</h2></div>
  <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${text}</p></div>
</div>`;
}
