// The console's only script: marks the page as JavaScript-enabled (as the GOV.UK template's inline snippet would,
// which the content security policy forbids) and starts GOV.UK Frontend's components.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
