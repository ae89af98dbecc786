import { getMirroredProject } from "@/db/queries/registry";
import type { AuditVia } from "@/lib/audit/record";
import {
  addJobTokenTarget,
  getJobTokenScope,
  removeJobTokenTarget,
} from "@/lib/gitlab/registry-settings";
import { auditedChange } from "./audited";
import { requireManage, type Actor } from "./roles";

// The CI/CD job token allowlist of a project: whose pipelines may publish into it (the guide's
// cross-project publishing). GitLab lets only Maintainers+ read or change it.

export type AllowlistTarget = { kind: "project" | "group"; id: number };

export async function getAllowlist(actor: Actor, projectId: number) {
  await requireManage(actor, "manage_job_token_allowlist", "project", projectId);
  const scope = await getJobTokenScope(actor.gitlab, projectId);
  return {
    inbound_enabled: scope.inbound_enabled,
    // GitLab lists the project itself first; it is always allowed, not an entry to manage.
    projects: scope.projects
      .filter((p) => p.id !== projectId)
      .map((p) => ({
        id: p.id,
        path_with_namespace: p.path_with_namespace,
        web_url: p.web_url ?? null,
      })),
    groups: scope.groups.map((g) => ({ id: g.id, name: g.name, web_url: g.web_url ?? null })),
  };
}

async function change(
  actor: Actor,
  projectId: number,
  target: AllowlistTarget,
  via: AuditVia,
  op: "add" | "remove",
) {
  const mirrored = await getMirroredProject(projectId);
  await auditedChange(
    {
      actor,
      via,
      action: op === "add" ? "job_token_allowlist.add" : "job_token_allowlist.remove",
      project: { id: projectId, path: mirrored?.pathWithNamespace },
      message: `${op === "add" ? "Allow" : "Stop allowing"} CI/CD job tokens of ${target.kind} ${target.id}`,
      details: { target_kind: target.kind, target_id: target.id },
    },
    async () => {
      await requireManage(actor, "manage_job_token_allowlist", "project", projectId);
      if (op === "add") await addJobTokenTarget(actor.gitlab, projectId, target);
      else await removeJobTokenTarget(actor.gitlab, projectId, target);
    },
  );
}

export const addToAllowlist = (a: Actor, id: number, t: AllowlistTarget, via: AuditVia) =>
  change(a, id, t, via, "add");
export const removeFromAllowlist = (a: Actor, id: number, t: AllowlistTarget, via: AuditVia) =>
  change(a, id, t, via, "remove");
