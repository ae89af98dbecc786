// The browser side of the delete API: same-origin fetch (the browser adds Origin, which the
// server checks for cookie calls) and the server's {"error":{message}} turned into an Error.

export async function callDeleteApi<T>(
  url: string,
  init: RequestInit = { method: "DELETE" },
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", ...init });
  } catch {
    throw new Error("The portal could not be reached. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => null)) as
    (T & { error?: { message?: string } }) | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `The request failed (${res.status}).`);
  return body as T;
}
