// `npm run sandbox`: start the stand-in GitLab from environment settings.
import { startSandbox } from "./server";

function intEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} must be a non-negative integer (got "${raw}")`);
    process.exit(1);
  }
  return n;
}

async function main() {
  const port = intEnv("SANDBOX_PORT") ?? 4999;
  try {
    const sandbox = await startSandbox({
      port,
      host: process.env.SANDBOX_HOST || "127.0.0.1",
      dataDir: process.env.SANDBOX_DATA_DIR || undefined,
      packages: intEnv("SANDBOX_PACKAGES"),
      tokenTtlSeconds: intEnv("SANDBOX_TOKEN_TTL"),
      publicUrl: process.env.SANDBOX_PUBLIC_URL || undefined,
      gitlabVersion: process.env.SANDBOX_GITLAB_VERSION || undefined,
      adminMode: process.env.SANDBOX_ADMIN_MODE === "1",
    });
    console.log(`sandbox listening on http://localhost:${sandbox.port}`);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      sandbox.close().then(() => process.exit(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      console.error(`Port ${port} is already in use — set SANDBOX_PORT to another port`);
      process.exit(1);
    }
    if (/SANDBOX_GITLAB_VERSION/.test((err as Error).message)) {
      console.error((err as Error).message);
      process.exit(1);
    }
    throw err;
  }
}

void main();
