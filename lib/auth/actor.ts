import type { GitlabApi } from "@/lib/gitlab/client";
import type { CurrentUser } from "./session";

// Who does something: a person (signed in through the browser, or calling the API with a
// GitLab token) or a scheduled job (sync, retention) acting with the portal's own credential.
// Audit records and permission checks take an Actor; HTTP details stay in lib/api/route.

export type Via = "session" | "token";

/** A person, authenticated by session cookie or GitLab token, with their own GitLab client. */
export type Identity = { user: CurrentUser; gitlab: GitlabApi; via: Via };

export type SessionActor = { kind: "session" } & Identity;
export type TokenActor = { kind: "token" } & Identity;
/** A job the portal runs on its own schedule (no person behind it). */
export type JobActor = { kind: "job"; job: string; gitlab: GitlabApi };

export type Actor = SessionActor | TokenActor | JobActor;

export const jobActor = (job: string, gitlab: GitlabApi): JobActor => ({
  kind: "job",
  job,
  gitlab,
});

/** The name an audit record shows for the actor. */
export const actorName = (actor: Actor): string =>
  actor.kind === "job" ? `job:${actor.job}` : actor.user.username;
