/** Parses a URL query string (`page=2&sort=name`) into a record of its parameters. */
export function parseQuery(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const key = at === -1 ? pair : pair.slice(0, at);
    const value = at === -1 ? '' : pair.slice(at + 1);
    params[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return params;
}

/** The value of one parameter, or undefined when the query does not have it. */
export function queryParam(query: string, name: string): string | undefined {
  return parseQuery(query)[name];
}
