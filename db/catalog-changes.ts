import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { outsideRequestWork } from "./request-work";
import { getSql } from "./index";

// The catalog generation: every in-process cache of catalog data (readable-project sets,
// counts, name matches, group/project lookups, pages of rows) is tagged with it and dropped
// when it moves. It moves after every write to the mirror (writeCatalog, the one write path) —
// in this process at once, and in every other process of the same database through PostgreSQL
// LISTEN/NOTIFY, so a delete, a sync write or a membership rebuild on one replica is seen by
// the others within milliseconds rather than after a cache TTL.
//
// Two counters: a write of one user's memberships moves catalogGeneration only — it changes
// what that user may read, never what a given set of projects holds — while every other write
// moves both. Caches keyed by a project set (counts, pages, name matches) follow
// packagesGeneration, so users signing in or refreshing their memberships do not empty them.

/** The NOTIFY channel every process listens on (exported for the bench, which announces one). */
export const CATALOG_CHANNEL = "portal_catalog_changed";
const CHANNEL = CATALOG_CHANNEL;
/** Identifies this process's own notifications (it has bumped already). */
const ORIGIN = randomUUID();

let generation = 0;
let packagesGen = 0;
let listening: { on: postgres.Sql; ready: Promise<void> } | undefined;

export function catalogGeneration(): number {
  return generation;
}

/** Moves with every write but those of memberships alone (see above). */
export function packagesGeneration(): number {
  return packagesGen;
}

/** What a write changed: the mirror's packages, projects and groups, or memberships only. */
export type CatalogWrite = "packages" | "memberships";

function bump(what: CatalogWrite): void {
  generation++;
  if (what === "packages") packagesGen++;
}

/** Local only: for tests that rewrite tables behind the write path's back. */
export function bumpCatalogGeneration(): void {
  bump("packages");
}

/**
 * The one way to write the mirror (catalog tables, memberships). `work` commits its own
 * statements or transaction; once it has returned (or failed half-way, which may still have
 * committed something), this process's caches go stale and every other process is told.
 */
export async function writeCatalog<T>(
  work: () => Promise<T>,
  what: CatalogWrite = "packages",
): Promise<T> {
  try {
    return await work();
  } finally {
    bump(what);
    // NOTIFY outside any transaction: it is delivered now, after the work committed.
    await getSql()
      .notify(CHANNEL, `${ORIGIN} ${what}`)
      .catch((e: Error) => console.warn("[catalog] change notification failed", e.message));
  }
}

/**
 * Subscribes this process to other processes' catalog changes (idempotent). Caches are only
 * trustworthy once this resolved: callers await it before reading one.
 */
export function listenForCatalogChanges(): Promise<void> {
  const sql = getSql();
  if (listening?.on === sql) return listening.ready;
  // Every request waits on it: never cancelled with the one that happened to start it.
  const ready = outsideRequestWork(() =>
    sql.listen(
      CHANNEL,
      (payload) => {
        const [origin, what] = payload.split(" ");
        // Anything but a known "memberships" write (an older replica's bare origin) is both.
        if (origin !== ORIGIN) bump(what === "memberships" ? "memberships" : "packages");
      },
      // Called again after a reconnect, when notifications may have been missed meanwhile.
      () => bump("packages"),
    ),
  )
    .then(() => undefined)
    .catch((e: Error) => {
      listening = undefined;
      throw e;
    });
  listening = { on: sql, ready };
  return ready;
}
