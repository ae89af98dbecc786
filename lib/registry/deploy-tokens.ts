import { getMirroredGroup, getMirroredProject } from "@/db/queries/registry";
import type { AuditVia } from "@/lib/audit/record";
import {
  createDeployToken,
  listDeployTokens,
  revokeDeployToken,
  type GitlabDeployToken,
  type TokenOwner,
} from "@/lib/gitlab/registry-settings";
import { defaultExpiry, type DeployTokenInput } from "@/lib/validations/registry";
import { auditedChange } from "./audited";
import { mayManage, requireManage, type Actor } from "./roles";

// Deploy tokens of a project (Maintainer+) or group (read Maintainer+, write Owner). The value
// of a new token is returned to the caller once and is never stored, logged or audited.

export const EXPIRING_SOON_DAYS = 14;

export type DeployTokenView = {
  id: number;
  name: string;
  username: string;
  scopes: string[];
  expires_at: string | null;
  no_expiry: boolean;
  expiring_soon: boolean;
};

export function presentToken(t: GitlabDeployToken, now = Date.now()): DeployTokenView {
  const expires = t.expires_at ? Date.parse(t.expires_at) : null;
  return {
    id: t.id,
    name: t.name,
    username: t.username,
    scopes: t.scopes,
    expires_at: t.expires_at,
    no_expiry: expires === null,
    expiring_soon: expires !== null && expires - now <= EXPIRING_SOON_DAYS * 86_400_000,
  };
}

async function where(owner: TokenOwner) {
  if (owner.kind === "project") {
    const p = await getMirroredProject(owner.id);
    return { project: { id: owner.id, path: p?.pathWithNamespace } };
  }
  const g = await getMirroredGroup(owner.id);
  return { group: { id: owner.id, path: g?.fullPath } };
}

export async function listTokens(actor: Actor, owner: TokenOwner) {
  await requireManage(actor, "view_deploy_tokens", owner.kind, owner.id);
  const [tokens, canManage] = await Promise.all([
    listDeployTokens(actor.gitlab, owner),
    mayManage(actor, "manage_deploy_tokens", owner.kind, owner.id),
  ]);
  return { tokens: tokens.map((t) => presentToken(t)), can_manage: canManage };
}

export async function createToken(
  actor: Actor,
  owner: TokenOwner,
  input: DeployTokenInput,
  via: AuditVia,
) {
  const expiresAt = input.expires_at === undefined ? defaultExpiry() : input.expires_at;
  return auditedChange(
    {
      actor,
      via,
      action: "deploy_token.create",
      ...(await where(owner)),
      message: `Create deploy token "${input.name}" (${input.scopes.join(", ")})`,
      details: { name: input.name, scopes: input.scopes, expires_at: expiresAt },
    },
    async () => {
      await requireManage(actor, "manage_deploy_tokens", owner.kind, owner.id);
      const t = await createDeployToken(actor.gitlab, owner, { ...input, expires_at: expiresAt });
      return {
        id: t.id,
        name: t.name,
        username: t.username,
        scopes: t.scopes,
        expires_at: t.expires_at,
        token: t.token,
      };
    },
  );
}

export async function revokeToken(actor: Actor, owner: TokenOwner, tokenId: number, via: AuditVia) {
  await auditedChange(
    {
      actor,
      via,
      action: "deploy_token.revoke",
      ...(await where(owner)),
      message: `Revoke deploy token ${tokenId}`,
      details: { token_id: tokenId },
    },
    async () => {
      await requireManage(actor, "manage_deploy_tokens", owner.kind, owner.id);
      await revokeDeployToken(actor.gitlab, owner, tokenId);
    },
  );
}
