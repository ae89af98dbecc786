// Hono environment shared by every route: the sandbox runtime and the authenticated caller.
import type { Context } from "hono";
import type { Caller } from "../state/access";
import type { Runtime } from "../state/runtime";

export type SandboxEnv = { Variables: { caller: Caller; rt: Runtime } };
export type Ctx = Context<SandboxEnv>;
