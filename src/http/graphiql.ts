import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { exampleTabs } from './example-tabs.js';

const require = createRequire(import.meta.url);
const packageDirectory = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** GraphiQL's prebuilt browser files, served from the project's own dependencies (no CDN). */
const ASSETS = {
  'react.js': join(packageDirectory('react'), 'umd/react.production.min.js'),
  'react-dom.js': join(packageDirectory('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(packageDirectory('graphiql'), 'graphiql.min.js'),
  'graphiql.css': join(packageDirectory('graphiql'), 'graphiql.min.css'),
} as const;

export const GRAPHIQL_ASSET_PATH = '/graphiql';

/** What a tab opened with "+" starts with; the opening tabs hold the contract's operations. */
const NEW_TAB_QUERY = '# Write a query here; the other tabs hold the operations clients rely on.\n';

/** JSON for an inline script: `<` escaped so no string in it can close the script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

function page(endpoint: string, today: Date): string {
  const asset = (name: keyof typeof ASSETS) => `${GRAPHIQL_ASSET_PATH}/${name}`;
  const tabs = exampleTabs(today).map(({ query, variables }) => ({ query, variables }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Confluent subgraph · GraphiQL</title>
<link rel="stylesheet" href="${asset('graphiql.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${asset('react.js')}"></script>
<script src="${asset('react-dom.js')}"></script>
<script src="${asset('graphiql.js')}"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: ${scriptJson(endpoint)} });
  const tabs = ${scriptJson(tabs)};
  // GraphiQL 3 fills the variables editor from its variables prop, not from the first default tab.
  // Pass it on a first visit only: later, GraphiQL restores the tabs it stored, variables included.
  const firstVisit = (() => {
    try { return localStorage.getItem('graphiql:tabState') === null; } catch { return true; }
  })();
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: tabs,
      variables: firstVisit ? tabs[0].variables : undefined,
      defaultQuery: ${scriptJson(NEW_TAB_QUERY)},
      defaultEditorToolsVisibility: 'variables',
    }),
  );
</script>
</body>
</html>`;
}

/** True when a browser asks for a page rather than a GraphQL client for data. */
export function wantsHtml(request: express.Request): boolean {
  return (
    request.method === 'GET' &&
    Object.keys(request.query).length === 0 &&
    request.accepts(['application/json', 'text/html']) === 'text/html'
  );
}

/** `GET /graphql` from a browser gives GraphiQL; its scripts come from `/graphiql/*`. */
export function graphiqlRouter(endpoint: string): Router {
  const router = express.Router();
  for (const [name, file] of Object.entries(ASSETS)) {
    router.get(`${GRAPHIQL_ASSET_PATH}/${name}`, (_request, response) => {
      response.sendFile(file, { maxAge: '1d' });
    });
  }
  router.get(endpoint, (request, response, next) => {
    if (!wantsHtml(request)) return next();
    // Built per request: the example period is last month as of today.
    response.type('html').send(page(endpoint, new Date()));
  });
  return router;
}
