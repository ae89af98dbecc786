import { afterEach, describe, expect, it } from "vitest";
import { addFault, clearFaults } from "@/lib/testing/catalog-kit";
import { serviceRest } from "./service-rest";

// GitLab's per-endpoint limiter (the sandbox's rate_limit fault): 429, JSON body, no
// Retry-After, RateLimit-* only on the throttled answer. The sync's reads wait the window out
// instead of failing after five quick retries, and concurrent readers share the wait.

afterEach(() => clearFaults());

describe("serviceRest under GitLab's rate limiter", () => {
  it("converges: every read succeeds, later, with the governor waiting", async () => {
    await addFault({ rate_limit: { per_minute: 1, window_seconds: 1 }, path: "/api/v4/groups" });
    const rest = serviceRest({ retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 } });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => rest.get<{ id: number }>("groups", { per_page: 5 })),
    );
    const more = [];
    for (let i = 0; i < 4; i++)
      more.push(await rest.get<{ id: number }>("groups", { per_page: 5 }));
    for (const r of [...results, ...more]) expect(r.items.length).toBeGreaterThan(0);
    expect(rest.governor.waits).toBeGreaterThan(0);
  });
});
