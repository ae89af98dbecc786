import {
  createPolicy,
  deletePolicy,
  getPolicy,
  getScopeInfo,
  listReadablePolicies,
  updatePolicy,
  type PolicyRow,
  type ScopeRef,
} from "@/db/queries/retention-policies";
import type { Identity } from "@/lib/api/route";
import { recordRetentionEvent } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { PolicyDocument } from "@/lib/validations/retention";
import {
  mayManageCached,
  POLICY_NOT_FOUND,
  reader,
  requireManage,
  requireScopeRead,
} from "./authorize";
import { toPolicyDocument, toPolicyView, type PolicyView } from "./document";

// Policy CRUD for the API and the pages: read follows the scope, writes need the live role
// (Owner of a group, Maintainer+ of a project). Every change is audited.

type Actor = Pick<Identity, "user" | "gitlab"> & { via?: "ui" | "api" };

export async function listPolicies(user: CurrentUser, scope?: ScopeRef): Promise<PolicyView[]> {
  const rows = await listReadablePolicies(reader(user), scope);
  return Promise.all(
    rows.map(async (r) =>
      toPolicyView(r, {
        scopePath: r.scopePath,
        canManage: await mayManageCached(user, { type: r.scopeType, id: r.scopeId }),
      }),
    ),
  );
}

const scopeOf = (p: PolicyRow): ScopeRef => ({ type: p.scopeType, id: p.scopeId });

/** The policy if the user may read its scope; otherwise the same 404 as an unknown id. */
export async function loadReadablePolicy(user: CurrentUser, id: number): Promise<PolicyRow> {
  const row = await getPolicy(id);
  if (!row) throw new AppError("not_found", POLICY_NOT_FOUND);
  await requireScopeRead(user, scopeOf(row));
  return row;
}

export async function getPolicyView(user: CurrentUser, id: number): Promise<PolicyView> {
  const row = await loadReadablePolicy(user, id);
  const info = await getScopeInfo(scopeOf(row));
  return toPolicyView(row, {
    scopePath: info?.path ?? null,
    canManage: await mayManageCached(user, scopeOf(row)),
  });
}

/** The scope must be one the catalog knows and the user may read (422 names the field). */
async function knownScope(user: CurrentUser, scope: ScopeRef) {
  const info = await getScopeInfo(scope);
  if (!info)
    throw new AppError(
      "invalid_input",
      `Invalid body parameter "scope.id": no such ${scope.type}`,
      {
        issues: [
          { path: "scope.id", message: `no ${scope.type} with id ${scope.id} in the catalog` },
        ],
      },
    );
  await requireScopeRead(user, scope).catch(() => {
    throw new AppError(
      "invalid_input",
      `Invalid body parameter "scope.id": no such ${scope.type}`,
      {
        issues: [{ path: "scope.id", message: `no ${scope.type} with id ${scope.id} you can see` }],
      },
    );
  });
  return info;
}

const audit = (actor: Actor, action: string, policy: { id: number; name: string }, where: string) =>
  recordRetentionEvent({
    actor: { id: actor.user.id, username: actor.user.username },
    action,
    result: "success",
    via: actor.via ?? "api",
    message: `${action.split(".").pop()} retention policy ${policy.id} "${policy.name}" on ${where}`,
    details: { policy_id: policy.id },
  });

export async function createPolicyFor(actor: Actor, doc: PolicyDocument): Promise<PolicyView> {
  const info = await knownScope(actor.user, doc.scope);
  await requireManage(actor.user, actor.gitlab, doc.scope, info.path);
  const row = await createPolicy(doc, actor.user);
  await audit(actor, "retention.policy.create", row, info.path);
  return toPolicyView(row, { scopePath: info.path, canManage: true });
}

export async function updatePolicyFor(
  actor: Actor,
  id: number,
  doc: PolicyDocument,
): Promise<PolicyView> {
  const existing = await loadReadablePolicy(actor.user, id);
  const oldInfo = await getScopeInfo(scopeOf(existing));
  // Both the scope it had and the scope it gets: moving a policy needs the role on each.
  await requireManage(actor.user, actor.gitlab, scopeOf(existing), oldInfo?.path ?? "its scope");
  const info = await knownScope(actor.user, doc.scope);
  await requireManage(actor.user, actor.gitlab, doc.scope, info.path);
  const row = await updatePolicy(id, doc, actor.user);
  if (!row) throw new AppError("not_found", POLICY_NOT_FOUND);
  await audit(actor, "retention.policy.update", row, info.path);
  return toPolicyView(row, { scopePath: info.path, canManage: true });
}

export async function deletePolicyFor(actor: Actor, id: number): Promise<{ deleted: true }> {
  const existing = await loadReadablePolicy(actor.user, id);
  const info = await getScopeInfo(scopeOf(existing));
  await requireManage(actor.user, actor.gitlab, scopeOf(existing), info?.path ?? "its scope");
  if (!(await deletePolicy(id))) throw new AppError("not_found", POLICY_NOT_FOUND);
  await audit(actor, "retention.policy.delete", existing, info?.path ?? "its scope");
  return { deleted: true };
}

export { toPolicyDocument };
