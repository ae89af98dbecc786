import { NextRequest } from "next/server";
import { getSql } from "@/db";
import { runSync } from "@/lib/sync/sync";
import {
  everyCatalogItem,
  resetCatalog,
  resetSandbox,
  sandboxUrl,
} from "@/lib/testing/catalog-kit";

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
  return new Set((await everyCatalogItem(user)).map((i) => i.projectId));
}
