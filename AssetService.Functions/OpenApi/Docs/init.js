// Renders /api/openapi.json. "Authorize" takes the function key (header x-functions-key) or a bearer token and keeps it
// across reloads in this browser; "Try it out" calls this same host.
// The document's servers are absolute (generators need that): put the host serving this page first.
const ThisHostFirst = () => ({
  statePlugins: {
    spec: {
      wrapActions: {
        updateJsonSpec: original => spec => {
          const others = (spec.servers || []).filter(s => s.url !== window.location.origin);
          return original({ ...spec, servers: [{ url: window.location.origin, description: "This host" }, ...others] });
        },
      },
    },
  },
});

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
  plugins: [ThisHostFirst],
});
