// Loaded at the start of <body>, before anything renders: GOV.UK Frontend's
// components style themselves only once these classes are set. A file, not an
// inline script, so a strict Content-Security-Policy (script-src 'self') holds.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
