/**
 * What a promise came to within `ms`: `{ value }`, `{ error: message }`, or "no answer" — so a
 * test can assert that every one of many statements answered or failed and none hung.
 */
export function settle(p: Promise<unknown>, ms = 5_000): Promise<unknown> {
  return Promise.race([
    p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    ),
    new Promise((resolve) => setTimeout(() => resolve("no answer"), ms)),
  ]);
}
