// The package-manager protocol routes (facts §8), mounted under /api/v4 before the REST routes.
import { Hono } from "hono";
import type { SandboxEnv } from "../../http/env";
import { genericRoutes } from "./generic";
import { mavenRoutes } from "./maven";
import { npmRoutes } from "./npm";
import { nugetRoutes } from "./nuget";
import { pypiRoutes } from "./pypi";

export const pmRoutes = new Hono<SandboxEnv>();
for (const routes of [genericRoutes, npmRoutes, pypiRoutes, mavenRoutes, nugetRoutes])
  pmRoutes.route("/", routes);
