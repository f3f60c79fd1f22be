import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

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

const DEFAULT_QUERY = `# Confluent Cloud through GraphQL. Press the play button to run.
query DefaultOrganization {
  organization {
    id
    name
    createdAt
  }
}
`;

function page(endpoint: string): string {
  const asset = (name: keyof typeof ASSETS) => `${GRAPHIQL_ASSET_PATH}/${name}`;
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
  const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)} }),
  );
</script>
</body>
</html>`;
}

/** True when a browser asks for a page rather than a GraphQL client for data. */
export function wantsHtml(request: express.Request): boolean {
  return request.method === 'GET' && Object.keys(request.query).length === 0 && request.accepts(['application/json', 'text/html']) === 'text/html';
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
    response.type('html').send(page(endpoint));
  });
  return router;
}
