import { NextRequest } from "next/server";
import { getSql } from "@/db";
import { listPackages } from "@/db/queries/catalog";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { runSync } from "@/lib/sync/sync";
import { resetCatalog, resetSandbox, sandboxUrl } from "@/lib/testing/catalog-kit";

// The registry settings API's tests call the route handlers with fixture users' GitLab tokens
// and check GitLab itself, the audit trail and the catalog.

/** A fresh sandbox, mirror and audit trail, synced; the sync's result for the caller to check. */
export async function resetRegistryFixture() {
  await resetSandbox();
  await resetCatalog();
  await getSql()`truncate audit_events`;
  return runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
}

const BASE = "http://localhost:3999";
export type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export async function call(
  handler: Handler,
  user: string,
  method: string,
  path: string,
  params: Record<string, string>,
  body?: unknown,
) {
  const req = new NextRequest(`${BASE}${path}`, {
    method,
    headers: {
      "PRIVATE-TOKEN": `glpat-sandbox-${user}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** GitLab itself, as the admin: what is really there. */
export async function gitlab(path: string, init: RequestInit & { as?: string } = {}) {
  const res = await fetch(`${sandboxUrl()}/api/v4/${path}`, {
    ...init,
    headers: {
      "PRIVATE-TOKEN": `glpat-sandbox-${init.as ?? "admin"}`,
      "content-type": "application/json",
      ...(init.headers ?? {}),
    },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export const audit = (action: string) =>
  getSql()<
    { actor_username: string; result: string; via: string; message: string; details: unknown }[]
  >`
    select actor_username, result, via, message, details from audit_events
    where action = ${action} order by id`;

export async function catalogProjectIds(user: string): Promise<Set<number>> {
  const { user: me } = await authenticateToken({ token: `glpat-sandbox-${user}`, kind: "pat" });
  const ids = new Set<number>();
  for (let page = 1; ; page++) {
    const r = await listPackages({
      ...toReader(me),
      type: [],
      view: "versions",
      never_downloaded: false,
      sort: { field: "published", order: "desc" },
      page,
      perPage: 100,
    });
    for (const i of r.items) ids.add(i.projectId);
    if (page * 100 >= r.total) return ids;
  }
}
