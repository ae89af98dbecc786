import type { GitlabApi } from "./client";
import { toAppError } from "./errors";

// Raw REST calls through the acting user's gitbeaker client (its auth, retry and timeout),
// for endpoints whose gitbeaker wrappers differ between versions. Bodies are snake_case already.

type Method = "get" | "post" | "put" | "patch" | "delete";

export async function gitlabRest<T>(
  api: GitlabApi,
  method: Method,
  path: string,
  opts: {
    body?: Record<string, unknown>;
    searchParams?: Record<string, string>;
    what?: string;
  } = {},
): Promise<T> {
  try {
    const res = (await api.Projects.requester[method](path, {
      body: opts.body,
      searchParams: opts.searchParams,
    })) as { body: unknown };
    return res.body as T;
  } catch (e) {
    throw toAppError(e, opts.what);
  }
}

/** Every page of a GitLab list (100 a page, following x-next-page). */
export async function gitlabRestAll<T>(
  api: GitlabApi,
  path: string,
  what?: string,
  params: Record<string, string> = {},
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= 50; page++) {
    try {
      const res = (await api.Projects.requester.get(path, {
        searchParams: { ...params, per_page: "100", page: String(page) },
      })) as { body: T[]; headers: Record<string, string> };
      out.push(...res.body);
      if (!res.headers["x-next-page"]) break;
    } catch (e) {
      throw toAppError(e, what);
    }
  }
  return out;
}
