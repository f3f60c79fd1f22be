// negotiator 1.1's own API, as far as it is used here: its DefinitelyTyped types (0.6) lack the
// `preferred` option, which settles ties between encodings a client accepts equally.
declare module 'negotiator' {
  class Negotiator {
    constructor(request: { headers: Record<string, string | string[] | undefined> });
    /** The encodings among `available` the client accepts, best first; equal ones in `preferred` order. */
    encodings(available?: string[], options?: { preferred?: string[] }): string[];
  }
  export = Negotiator;
}
