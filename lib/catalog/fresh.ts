// HTTP's way for a client to ask for an answer read afresh rather than from a cache: a
// `Cache-Control: no-cache` request (what a browser sends on a hard reload, and what the bench
// sends to measure the database read behind every search).

/** Does the request ask for the catalog page to be read from the database? */
export function wantsFresh(headers: Pick<Headers, "get">): boolean {
  const cc = headers.get("cache-control");
  if (!cc) return /\bno-cache\b/i.test(headers.get("pragma") ?? "");
  return cc.split(",").some((d) => /^\s*(no-cache|no-store|max-age\s*=\s*0)\s*$/i.test(d));
}
