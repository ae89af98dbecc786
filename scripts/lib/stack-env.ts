import { statSync } from "node:fs";
import path from "node:path";

// Pure helpers behind demo/dev/start (scripts/lib/stack.ts), kept apart to be unit-tested.

/**
 * Generated values fill only what the environment leaves unset: each variable is decided on
 * its own, so a lone CRON_SECRET (or NEXTAUTH_SECRET) in the environment is kept.
 */
export function mergeGenerated(
  generated: Record<string, string>,
  given: Record<string, string | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(generated)) out[key] = given[key] || value;
  return out;
}

/**
 * Run as root, embedded PostgreSQL runs initdb and the server as the unprivileged `postgres`
 * user, who must be able to traverse every parent of the data directory. The first parent it
 * cannot enter (e.g. /root, mode 0700), or null when the path is reachable.
 */
export function unreachableParent(
  dir: string,
  who: { uid: number; gids: number[] },
): { path: string; mode: string } | null {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const p = path.sep + parts.slice(0, i).join(path.sep);
    let st;
    try {
      st = statSync(p);
    } catch {
      return null; // the rest does not exist yet: it will be created reachable (0755)
    }
    if (!st.isDirectory()) continue;
    const bit = st.uid === who.uid ? 0o100 : who.gids.includes(st.gid) ? 0o010 : 0o001;
    if (!(st.mode & bit)) return { path: p, mode: (st.mode & 0o777).toString(8).padStart(4, "0") };
  }
  return null;
}

export function unreachableMessage(dataDir: string, blocked: { path: string; mode: string }) {
  return (
    `The database directory ${dataDir} cannot be reached by the "postgres" user that embedded ` +
    `PostgreSQL runs as when started by root: ${blocked.path} is mode ${blocked.mode}.\n` +
    `  Fix one of:\n` +
    `    - clone the project somewhere the postgres user can enter (e.g. /srv or /opt), or\n` +
    `    - run as a non-root user, or\n` +
    `    - allow traversal: chmod o+x ${blocked.path}, or\n` +
    `    - point DATABASE_URL at a PostgreSQL 15+ server you run.`
  );
}
