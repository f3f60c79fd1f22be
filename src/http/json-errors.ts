import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.js';

/**
 * Errors raised before GraphQL runs (a malformed or oversized JSON body) answered as a GraphQL-shaped
 * JSON error with the HTTP status the body parser chose, never Express's HTML page or a stack trace.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _request, response, next) => {
    if (response.headersSent) return next(error);
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      status === 413
        ? 'The request body is too large'
        : status === 415
          ? 'The charset or content encoding of the request body is not supported'
          : status < 500
            ? 'The request body is not valid JSON'
            : 'Internal error';
    if (status >= 500) logger.error({ err: { type: error?.name, message: error?.message } }, 'request failed before GraphQL');
    response.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL' } }] });
  };
}
