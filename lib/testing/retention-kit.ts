import { NextRequest } from "next/server";
import { expect } from "vitest";
import { getSql } from "@/db";
import { POST as cronRetention } from "@/app/api/cron/retention/route";
import { POST as previewRoute } from "@/app/api/policies/[id]/preview/route";
import { POST as createRoute } from "@/app/api/policies/route";
import { runSync } from "@/lib/sync/sync";
import { gitlabGetAll, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";

// Retention's integration tests call the route handlers as a script (GitLab token) or the
// scheduler (cron secret) does, and compare GitLab's own listing before and after.

/** A fresh sandbox and mirror, no policies, runs or audit; the sync's result to check. */
export async function resetRetentionFixture() {
  await resetSandbox();
  await resetCatalog();
  await getSql()`truncate retention_policies, retention_runs, retention_run_actions, audit_events cascade`;
  return runSync({ kind: "full", trigger: "test" });
}

const BASE = "http://localhost:3999";
export const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
export const token = (user: string) => ({ "PRIVATE-TOKEN": `glpat-sandbox-${user}` });
export const CRON = { authorization: "Bearer integration-tests-cron-secret" };

export function req(path: string, method: string, headers: Record<string, string>, body?: unknown) {
  return new NextRequest(`${BASE}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function create(user: string, body: Record<string, unknown>) {
  return createRoute(req("/api/policies", "POST", token(user), body), ctx());
}

export async function createOk(user: string, body: Record<string, unknown>): Promise<number> {
  const res = await create(user, body);
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json.id;
}

export type PreviewJson = { delete: Array<{ package_id: number; reason: string }>; bytes: number };

/** The stored policy's preview as the route answers it, whatever its status. */
export const previewResponse = (user: string, id: number) =>
  previewRoute(req(`/api/policies/${id}/preview`, "POST", token(user)), ctx({ id: String(id) }));

export async function preview(user: string, id: number): Promise<PreviewJson> {
  const res = await previewResponse(user, id);
  expect(res.status).toBe(200);
  return res.json();
}

export const cron = () => cronRetention(req("/api/cron/retention", "POST", CRON), ctx());

/** Every package GitLab lists (admin view), as id → "status version". */
export async function gitlabListing(): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let project = 1; project <= 13; project++) {
    const r = await gitlabGetAll<{ id: number; status: string; version: string | null }>(
      "admin",
      `projects/${project}/packages`,
    );
    for (const p of r.items) out.set(p.id, `${p.status} ${p.version}`);
  }
  return out;
}

export function changed(before: Map<number, string>, after: Map<number, string>): number[] {
  return [...before]
    .filter(([id, line]) => after.get(id) !== line)
    .map(([id]) => id)
    .sort((a, b) => a - b);
}

export const ids = (p: PreviewJson) => p.delete.map((d) => d.package_id).sort((a, b) => a - b);

export const DOC_KEYS = [
  "name",
  "scope",
  "package_types",
  "name_pattern",
  "version_pattern",
  "prerelease_only",
  "keep_latest",
  "older_than_days",
  "not_downloaded_days",
  "keep_duplicate_files",
  "protect_pattern",
  "keep_newest",
  "mode",
  "enabled",
];
export const documentOf = (view: Record<string, unknown>) =>
  Object.fromEntries(DOC_KEYS.map((k) => [k, view[k]]));

export async function disableAll() {
  await getSql()`update retention_policies set enabled = false`;
}

export async function deletedAudit(packageIds: number[]) {
  return getSql()<{ package_id: string; n: number; actor_username: string }[]>`
    select package_id, count(*)::int as n, min(actor_username) as actor_username from audit_events
    where action = 'retention.package.deleted' and package_id = any(${packageIds})
    group by package_id`;
}
