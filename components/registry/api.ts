// The browser side of the registry settings API: same-origin fetch (the server checks Origin on
// cookie writes); a refusal's {"error":{message}} becomes an Error with a `status`.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function registryApi<T>(
  url: string,
  init?: RequestInit & { json?: unknown },
): Promise<T> {
  const { json, ...rest } = init ?? {};
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: "same-origin",
      ...rest,
      ...(json === undefined
        ? {}
        : { body: JSON.stringify(json), headers: { "content-type": "application/json" } }),
    });
  } catch {
    throw new ApiError("The portal could not be reached. Check your connection and try again.", 0);
  }
  if (res.status === 204) return null as T;
  const body = (await res.json().catch(() => null)) as
    (T & { error?: { message?: string } }) | null;
  if (!res.ok)
    throw new ApiError(body?.error?.message ?? `The request failed (${res.status}).`, res.status);
  return body as T;
}
