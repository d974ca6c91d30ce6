/**
 * What a public view may show of a check's detail: all of it but what came from the response body.
 * A failed body assertion says `...: expected X, got <what the body held>`, and a body can hold
 * what the endpoint gives only to the monitor's credentials: public views (the pages, and the API
 * without a read token) end the detail before it. The expectation itself is the config's.
 */
export function publicDetail(cause: string | null, detail: string | null): string | null {
  if (detail === null || cause !== 'assert.body') return detail;
  // The first ", got ": an expectation holding those words cuts earlier, never later.
  const at = detail.indexOf(', got ');
  return at < 0 ? detail : `${detail.slice(0, at)} (the response's content is shown to read tokens)`;
}
