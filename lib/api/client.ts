// The browser side of the portal's JSON API: one fetch helper (same-origin, so the browser adds
// the Origin header the server checks on cookie writes; the server's {"error":{message}} becomes
// the Error's message) and the React Query keys every component shares.

export async function apiFetch<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", ...init });
  } catch (e) {
    // A cancelled request (superseded search) stays an AbortError: React Query ignores those.
    if (init.signal?.aborted) throw e;
    throw new Error("The portal could not be reached. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => null)) as
    (T & { error?: { message?: string } }) | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `The request failed (${res.status}).`);
  return body as T;
}

/** Query keys: a prefix invalidates every query under it. */
export const queryKeys = {
  /** Every catalog page (all searches). */
  catalog: ["catalog"] as const,
  catalogPage: (search: string) => ["catalog", search] as const,
  syncStatus: ["sync-status"] as const,
};
