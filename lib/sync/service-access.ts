import { serviceActsAsAdmin } from "@/lib/gitlab/catalog-source";
import { serviceRest, type ServiceRest } from "@/lib/gitlab/service-rest";

// Whether the service token acts as a GitLab administrator. With Admin Mode on, an admin's token
// without the `admin_mode` scope is an ordinary user: the sync then sees a reduced catalog, so it
// must say so and must not take "not listed" or a 404 as "gone" for what it cannot read.

export type ServiceAccess = "admin" | "limited" | "unknown";

export const LIMITED_ACCESS_MESSAGE =
  "The service token does not act as a GitLab administrator (GitLab shows no is_admin on /user): " +
  "the catalog holds only what this account can read, and nothing it cannot read is removed. " +
  "If the account is an administrator and Admin Mode is on, create its token with the " +
  "admin_mode scope (api + admin_mode).";

let cached: { access: ServiceAccess; at: number } | null = null;
const TTL_MS = 60_000;

export async function checkServiceAccess(rest: ServiceRest): Promise<ServiceAccess> {
  let access: ServiceAccess;
  try {
    access = (await serviceActsAsAdmin(rest)) ? "admin" : "limited";
  } catch {
    access = "unknown";
  }
  cached = { access, at: Date.now() };
  return access;
}

/** Cached for a minute; one quick read of /user otherwise (health, status). */
export async function serviceAccess(timeoutMs = 5_000): Promise<ServiceAccess> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.access;
  const rest = serviceRest({ retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
  return Promise.race([
    checkServiceAccess(rest),
    new Promise<ServiceAccess>((r) => setTimeout(() => r("unknown"), timeoutMs).unref?.()),
  ]);
}
