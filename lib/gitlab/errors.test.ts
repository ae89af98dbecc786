import { GitbeakerRequestError, GitbeakerTimeoutError } from "@gitbeaker/rest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { toAppError } from "./errors";

const answered = (status: number, description = "") =>
  new GitbeakerRequestError(description, {
    cause: {
      description,
      request: new Request("http://gitlab.test/api/v4/x"),
      response: new Response(null, { status }),
    },
  });

describe("toAppError", () => {
  afterEach(() => vi.restoreAllMocks());

  it("names what GitLab answered", () => {
    expect(toAppError(answered(500)).code).toBe("gitlab_unavailable");
    expect(toAppError(answered(429)).code).toBe("rate_limited");
    expect(toAppError(answered(404), "The package").message).toBe(
      "The package was not found in GitLab, or you cannot see it.",
    );
    expect(toAppError(new GitbeakerTimeoutError("late")).code).toBe("gitlab_timeout");
  });

  it("logs an error it does not know, by name and message, and says so", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const e = toAppError(new SyntaxError("Unexpected end of JSON input"), "The project membership");
    expect(e.message).toBe("Unexpected answer from GitLab.");
    expect(log).toHaveBeenCalledWith(
      "[gitlab] unexpected error (The project membership):",
      "SyntaxError: Unexpected end of JSON input",
    );
  });

  it("logs nothing for an answer it knows", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    toAppError(answered(503));
    expect(log).not.toHaveBeenCalled();
  });
});
