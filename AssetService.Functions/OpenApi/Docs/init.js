// Renders /api/openapi.json. "Authorize" takes the function key (header x-functions-key) or a bearer token and keeps it
// across reloads in this browser; "Try it out" calls this same host.
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: true,
  displayRequestDuration: true,
  docExpansion: "list",
  defaultModelsExpandDepth: 0,
  filter: true,
  tryItOutEnabled: false,
});
