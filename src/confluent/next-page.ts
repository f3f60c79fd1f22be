// The path of a list's next page, known before the caller asks for it: the path of the page before,
// with the `page_token` of its `metadata.next` in place of a marker. Built from the same route and
// filters the caller uses, so it is the very path the caller then asks for.
import { pathOf, type Route, type RouteInput } from './routes.js';

/** Stands for the next page's token in a list's path until the token is known. */
const TOKEN_MARKER = '\u0000next-page-token\u0000';
const encodeQueryValue = (value: string) => new URLSearchParams([['v', value]]).toString().slice('v='.length);
const ENCODED_MARKER = encodeQueryValue(TOKEN_MARKER);

/** The path of any next page of a listing, with a marker where its page token goes. */
export function nextPageTemplate(route: Route, input: RouteInput): string {
  return pathOf(route, { ...input, query: { ...input.query, page_token: TOKEN_MARKER } });
}

/** The path of the page that `token` names, encoded as `pathOf` encodes it. */
export function nextPagePath(template: string, token: string): string {
  return template.replace(ENCODED_MARKER, encodeQueryValue(token));
}
