// Enhancements only: every page works without JavaScript.
import { initAll } from '/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.js';

initAll();

// A form's submit button is disabled once pressed, so a double click sends it once (the server also makes sure).
document.querySelectorAll('form[data-kith-once]').forEach((form) => {
  form.addEventListener('submit', () => {
    form.querySelectorAll('button[type="submit"], button:not([type])').forEach((button) => {
      window.setTimeout(() => { button.disabled = true; button.setAttribute('aria-disabled', 'true'); }, 0);
    });
  });
});
