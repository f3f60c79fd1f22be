// `POST /v2/metrics/{dataset}/query[?page_token=…]`: the `cloud` dataset, a JSON body, and a page
// token only for grouped queries, posted again with the same body it was issued for.
import type { Reply } from '../errors.js';
import type { SimulatorData } from '../store.js';
import { badRequest, TelemetryError } from './errors.js';
import { bodyDigest, offsetOf } from './page-token.js';
import { answerQuery } from './query.js';
import { parseQuery } from './query-request.js';

export interface QueryCall {
  dataset: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export function answerQueryCall(call: QueryCall, data: SimulatorData, today: number): Reply {
  if (call.dataset !== 'cloud') throw new TelemetryError(404, `Unknown dataset '${call.dataset}'`);
  for (const name of call.query.keys()) if (name !== 'page_token') throw badRequest(`Unknown query parameter '${name}'`);
  if (!isJson(call.contentType)) throw new TelemetryError(415, 'Content-Type must be application/json');
  let body: unknown;
  try {
    body = JSON.parse(call.body);
  } catch {
    throw badRequest('The body is not valid JSON');
  }
  const query = parseQuery(body);
  const token = call.query.get('page_token') || undefined;
  if (token !== undefined && query.groupBy.length === 0) throw badRequest('page_token is only supported for queries with a group_by');
  const digest = bodyDigest(body);
  const offset = token === undefined ? 0 : offsetOf(token, digest);
  return { status: 200, body: answerQuery(query, data, today, { offset, digest }) };
}
