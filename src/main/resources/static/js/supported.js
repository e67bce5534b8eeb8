// Runs first in <body>: marks the page as having JavaScript, and GOV.UK Frontend's components as supported
// where ES modules are. GOV.UK's inline snippet lives here because our Content-Security-Policy forbids inline scripts.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
