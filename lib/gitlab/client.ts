import { Gitlab } from "@gitbeaker/rest";
import { env } from "@/lib/env";
import { DEFAULT_RETRY, makeRequesterFn, type RetryPolicy } from "./requester";

export type GitlabApi = InstanceType<typeof Gitlab<false>>;

export type GitlabCredential =
  { kind: "oauth"; token: string | (() => Promise<string>) } | { kind: "pat"; token: string };

/** A gitbeaker client for one credential. The only constructor of gitbeaker in the portal. */
export function gitlabClient(
  credential: GitlabCredential,
  opts: { retry?: RetryPolicy; timeoutMs?: number } = {},
): GitlabApi {
  const { token } = credential;
  const requesterFn = makeRequesterFn(
    opts.retry ?? DEFAULT_RETRY,
    opts.timeoutMs ?? env().gitlabRequestTimeoutMs,
    // gitbeaker sends an OAuth token as `authorization: Bearer …` (lower case).
    credential.kind === "oauth" && typeof token === "function"
      ? { header: "authorization", renew: async () => `Bearer ${await token()}` }
      : undefined,
  );
  const host = env().gitlabUrl;
  return credential.kind === "oauth"
    ? new Gitlab({ host, oauthToken: credential.token, requesterFn })
    : new Gitlab({ host, token: credential.token, requesterFn });
}

/** The portal's own credential (sync reads, retention deletes). */
export function serviceClient(opts?: { retry?: RetryPolicy }): GitlabApi {
  return gitlabClient({ kind: "pat", token: env().serviceToken }, opts);
}
