import { expect, test } from "@playwright/test";
import { activeFault, addFault, clearFaults } from "../faults";

// GitLab failing, as the built portal meets it: Next.js patches fetch, and the integration
// tests (route handlers called in Vitest, with Node's own fetch) never see that. There a read
// answered 500 was retried after a back-off; here the retry hung until the request's bound
// and the reader was told the database was not responding (lib/gitlab/requester.ts,
// discardBody). A developer asks for project 1's job token allowlist: the portal first reads
// their live role from GitLab's members endpoint, which the sandbox's faults break.

const API = 1; // platon/backend/api; the developer is a Developer there
const ALLOWLIST = `/api/projects/${API}/job-token-allowlist`;
const DEVELOPER = { "PRIVATE-TOKEN": "glpat-sandbox-developer" };
const MEMBERS = `/api/v4/projects/${API}/members`;

test.afterEach(({ request }) => clearFaults(request));

test("GitLab answering 500: asked five times with back-off, then the reader is told", async ({
  request,
}) => {
  const id = await addFault(request, { status: 500, path: MEMBERS, count: 20 });
  const res = await request.get(ALLOWLIST, { headers: DEVELOPER });
  expect(res.status()).toBe(502);
  expect(await res.json()).toEqual({
    error: {
      code: "gitlab_unavailable",
      message: "GitLab is not answering right now. Try again shortly.",
    },
  });
  // Every attempt of the retry policy (lib/gitlab/requester.ts, DEFAULT_RETRY) reached GitLab.
  expect((await activeFault(request, id))?.hits).toBe(5);
});

test("GitLab rate-limiting with Retry-After: the portal waits as told, then answers", async ({
  request,
}) => {
  const id = await addFault(request, { status: 429, retry_after: 1, path: MEMBERS, count: 2 });
  const res = await request.get(ALLOWLIST, { headers: DEVELOPER });
  // Both throttled answers were taken (the fault is spent), and the third attempt's role check
  // answered as usual: a Developer may not read the allowlist.
  expect(await activeFault(request, id)).toBeUndefined();
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
    "You are a Developer here. Maintainers and Owners can change the CI/CD job token allowlist.",
  );
});
