import { Gitlab } from "@gitbeaker/rest";
import { env } from "@/lib/env";
import { DEFAULT_RETRY, makeRequesterFn, type RenewAuth, type RetryPolicy } from "./requester";

export type GitlabApi = InstanceType<typeof Gitlab<false>>;

export type GitlabCredential =
  | {
      kind: "oauth";
      token: string | (() => Promise<string>);
      /** The token to send after GitLab refused `refused` with a 401 (a renewed or refreshed one). */
      renew?: (refused: string) => Promise<string>;
    }
  | { kind: "pat"; token: string };

/** How each client renews its credential after a 401 (for GitLab's GraphQL API, graphql.ts). */
const renewals = new WeakMap<GitlabApi, RenewAuth>();
export const renewAuthOf = (api: GitlabApi): RenewAuth | undefined => renewals.get(api);

/** gitbeaker sends an OAuth token as `authorization: Bearer …` (lower case). */
function renewAuthFor(credential: GitlabCredential): RenewAuth | undefined {
  if (credential.kind !== "oauth" || !credential.renew) return undefined;
  const { renew } = credential;
  return {
    header: "authorization",
    renew: async (used) => `Bearer ${await renew(used.replace(/^Bearer /, ""))}`,
  };
}

/** A gitbeaker client for one credential. The only constructor of gitbeaker in the portal. */
export function gitlabClient(
  credential: GitlabCredential,
  opts: { retry?: RetryPolicy; timeoutMs?: number } = {},
): GitlabApi {
  const renewAuth = renewAuthFor(credential);
  const requesterFn = makeRequesterFn(
    opts.retry ?? DEFAULT_RETRY,
    opts.timeoutMs ?? env().gitlabRequestTimeoutMs,
    renewAuth,
  );
  const host = env().gitlabUrl;
  const api =
    credential.kind === "oauth"
      ? new Gitlab({ host, oauthToken: credential.token, requesterFn })
      : new Gitlab({ host, token: credential.token, requesterFn });
  if (renewAuth) renewals.set(api, renewAuth);
  return api;
}

/** The portal's own credential (sync reads, retention deletes). */
export function serviceClient(opts?: { retry?: RetryPolicy }): GitlabApi {
  return gitlabClient({ kind: "pat", token: env().serviceToken }, opts);
}
