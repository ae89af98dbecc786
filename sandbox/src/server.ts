// Builds the Hono app and starts the HTTP server (used by main.ts and the contract suite).
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate } from "./http/auth";
import type { SandboxEnv } from "./http/env";
import { HttpError } from "./http/errors";
import { injectFaults } from "./http/faults";
import { controlRoutes } from "./routes/control";
import { deployTokenRoutes } from "./routes/deploy-tokens";
import { groupRoutes } from "./routes/groups";
import { memberRoutes } from "./routes/members";
import { metadataRoutes } from "./routes/metadata";
import { oauthRoutes } from "./routes/oauth";
import { oauthTokenRoutes } from "./routes/oauth-token";
import { packageFileRoutes } from "./routes/package-files";
import { packageRoutes } from "./routes/packages";
import { pmRoutes } from "./routes/pm";
import { projectRoutes } from "./routes/projects";
import { uploadRoutes } from "./routes/uploads";
import { userRoutes } from "./routes/users";
import { Runtime, type RuntimeOptions } from "./state/runtime";

export interface SandboxOptions extends RuntimeOptions {
  port?: number;
  host?: string;
}

export interface RunningSandbox {
  url: string;
  port: number;
  runtime: Runtime;
  close(): Promise<void>;
}

export function buildApp(rt: Runtime): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.use("*", async (c, next) => {
    c.set("rt", rt);
    if (!c.req.path.startsWith("/-/sandbox")) rt.store.requestCount++;
    await next();
  });
  app.use("*", injectFaults);
  app.route("/-/sandbox", controlRoutes);
  app.route("/", oauthRoutes);
  app.route("/", oauthTokenRoutes);
  app.route("/", uploadRoutes);

  const api = new Hono<SandboxEnv>();
  api.use("*", authenticate);
  for (const routes of [
    pmRoutes,
    userRoutes,
    projectRoutes,
    groupRoutes,
    memberRoutes,
    packageRoutes,
    packageFileRoutes,
    deployTokenRoutes,
    metadataRoutes,
  ]) {
    api.route("/", routes);
  }
  app.route("/api/v4", api);

  app.notFound((c) => c.json({ error: "404 Not Found" }, 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(err.body, err.status);
    }
    console.error("sandbox: unhandled error", err);
    return c.json({ message: "500 Internal Server Error" }, 500);
  });
  return app;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const rt = new Runtime(opts);
  const app = buildApp(rt);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 4999, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  rt.publicUrl = (opts.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, "");
  return {
    url: rt.publicUrl,
    port,
    runtime: rt,
    close: () =>
      new Promise<void>((resolve) => {
        rt.flush();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
