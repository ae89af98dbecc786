import { describe, expect, it } from "vitest";
import {
  cachedSessionUser,
  forgetSessionUser,
  keepSessionUser,
  sessionUserStamp,
  SESSION_USER_TTL_MS,
} from "./user-cache";

const user = (id: number) => ({
  id,
  username: `u${id}`,
  name: `User ${id}`,
  image: null,
  isAdmin: false,
  isExternal: false,
});

describe("the session user cache", () => {
  it("keeps a user for its lifetime, then looks them up again", () => {
    keepSessionUser(user(1), sessionUserStamp(), 1_000);
    expect(cachedSessionUser(1, 1_000 + SESSION_USER_TTL_MS)?.username).toBe("u1");
    expect(cachedSessionUser(1, 1_001 + SESSION_USER_TTL_MS)).toBeNull();
  });

  it("forgets a user whose pair is dropped", () => {
    keepSessionUser(user(2), sessionUserStamp());
    forgetSessionUser(2);
    expect(cachedSessionUser(2)).toBeNull();
  });

  it("does not keep what a lookup read before a pair was dropped during it", () => {
    const stamp = sessionUserStamp(); // the lookup starts and reads the pair…
    forgetSessionUser(3); // …which sign-out deletes meanwhile
    keepSessionUser(user(3), stamp);
    expect(cachedSessionUser(3)).toBeNull();
  });
});
