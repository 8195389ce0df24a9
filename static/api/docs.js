// Starts Swagger UI on the API's documentation page (templates/api/docs.html). A static file, not an
// inline script: the content security policy allows scripts from our own origin only.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    // Deep links put an anchor inside each operation's summary button: nested controls a screen reader
    // cannot use (axe: nested-interactive).
    deepLinking: false,
    layout: "BaseLayout",
    // Calls from "Try it out" go from this origin and carry the browser's session (or a token given
    // with "Authorize"), never a token in the address.
    withCredentials: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    plugins: [window.SwaggerUIBundle.plugins.DownloadUrl]
  });
})();
