import { toReader } from "@/lib/access/reader";
import { getHealthData, type HealthScope } from "@/db/queries/registry-health";
import { AppError } from "@/lib/errors";
import { listDeployTokens } from "@/lib/gitlab/registry-settings";
import { presentToken } from "@/lib/registry/deploy-tokens";
import { mayManage, type Actor } from "@/lib/registry/roles";
import { LINKS, mirrorFindings, type Finding, type FindingKind } from "./findings";

// The registry health report of a group (with subgroups) or a project: the mirror's findings
// for what the reader may read, deploy tokens read live from GitLab when the reader may see
// them, and the checks that could not be made said plainly rather than guessed.

export type NotChecked = { kind: FindingKind; reason: string };
export type StorageRow = {
  project_id: number;
  project: string;
  package_type: string;
  bytes: number;
};

export type HealthReport = {
  findings: Finding[];
  counts: Partial<Record<FindingKind, number>>;
  not_checked: NotChecked[];
  storage: StorageRow[];
};

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

async function tokenFindings(actor: Actor, scope: HealthScope): Promise<Finding[] | null> {
  if (!(await mayManage(actor, "view_deploy_tokens", scope.kind, scope.id))) return null;
  const tokens = (await listDeployTokens(actor.gitlab, scope)).map((t) => presentToken(t));
  const out: Finding[] = [];
  for (const t of tokens) {
    const packageScopes = t.scopes.filter((s) => s.endsWith("_package_registry"));
    const subject = `Deploy token "${t.name}" (${t.username}${packageScopes.length ? `; ${packageScopes.join(", ")}` : ""})`;
    if (t.no_expiry) {
      out.push({
        kind: "deploy_token_no_expiry",
        severity: "warning",
        subject,
        message: "It never expires: a leaked copy works forever.",
        fix: "Create a replacement with an expiry (90 days is the portal's default), switch its users over, revoke this one.",
        link: LINKS.deploy_token_no_expiry,
      });
    } else if (t.expiring_soon) {
      out.push({
        kind: "deploy_token_rotation_due",
        severity: "warning",
        subject,
        message: `It expires on ${t.expires_at?.slice(0, 10)}: whatever uses it stops working then.`,
        fix: "Create its successor now, update the CI variables or .npmrc that hold it, then revoke this one.",
        link: LINKS.deploy_token_rotation_due,
      });
    }
  }
  return out;
}

export async function buildHealthReport(actor: Actor, scope: HealthScope): Promise<HealthReport> {
  const reader = toReader(actor.user);
  const [data, tokens] = await Promise.all([
    getHealthData(reader, scope),
    tokenFindings(actor, scope),
  ]);
  if (scope.kind === "project" && data.projects.length === 0) {
    throw new AppError("not_found", "Project not found, or you cannot read its packages.");
  }
  const findings = [...mirrorFindings(data), ...(tokens ?? [])].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  const not_checked: NotChecked[] = [];
  if (tokens === null) {
    not_checked.push({
      kind: "deploy_token_no_expiry",
      reason: `Deploy tokens are visible to ${scope.kind === "group" ? "the group's" : "the project's"} Maintainers and Owners only.`,
    });
  }
  const counts: HealthReport["counts"] = {};
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  const pathOf = new Map(data.projects.map((p) => [p.id, p.path]));
  const storage = new Map<string, StorageRow>();
  for (const s of data.series) {
    const key = `${s.projectId}|${s.packageType}`;
    const row = storage.get(key) ?? {
      project_id: s.projectId,
      project: pathOf.get(s.projectId) ?? String(s.projectId),
      package_type: s.packageType,
      bytes: 0,
    };
    row.bytes += s.totalSize ?? 0;
    storage.set(key, row);
  }
  return { findings, counts, not_checked, storage: [...storage.values()] };
}
