// Tells GOV.UK Frontend's CSS that its JavaScript will run (it would otherwise hide nothing).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
