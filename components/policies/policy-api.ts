// The browser side of the policy API: same-origin JSON calls, the server's
// {"error":{message, details.issues}} turned into an Error carrying the per-field messages.

export class PolicyApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function callPolicyApi<T>(url: string, method = "GET", body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new PolicyApiError("The portal could not be reached. Check your connection.", 0);
  }
  const json = (await res.json().catch(() => null)) as
    | (T & {
        error?: { message?: string; details?: { issues?: { path: string; message: string }[] } };
      })
    | null;
  if (!res.ok) {
    const fields: Record<string, string> = {};
    for (const i of json?.error?.details?.issues ?? []) fields[i.path] ??= i.message;
    throw new PolicyApiError(
      json?.error?.message ?? `The request failed (${res.status}).`,
      res.status,
      fields,
    );
  }
  return json as T;
}
