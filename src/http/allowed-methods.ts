import express, { type Router } from 'express';

/**
 * `OPTIONS /graphql` names the methods GraphQL is served on; left to Express, the GraphiQL route
 * would answer it with GraphiQL's GET alone.
 */
export function allowedMethodsRouter(path: string): Router {
  const router = express.Router();
  router.options(path, (_request, response) => {
    response.set('allow', 'GET, POST').status(204).end();
  });
  return router;
}
