// How `crn_pattern` selects role bindings: a CRN alone selects bindings at exactly that scope;
// with a trailing `/*` it also selects every scope nested below it. Confluent may send a CRN with
// `:` encoded as `%3A`, so both sides are compared decoded.

/** Percent-decodes a CRN (leaving malformed escapes as they are) and drops a trailing slash. */
export function normalizeCrn(crnText: string): string {
  const decoded = crnText.replace(/(%[0-9a-fA-F]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
  return decoded.endsWith('/') ? decoded.slice(0, -1) : decoded;
}

export function crnQueryMatches(query: string, bindingPattern: string): boolean {
  const pattern = normalizeCrn(bindingPattern);
  const normalizedQuery = normalizeCrn(query);
  if (!normalizedQuery.endsWith('/*')) return pattern === normalizedQuery;
  const scope = normalizedQuery.slice(0, -2);
  return pattern === scope || pattern.startsWith(`${scope}/`);
}
