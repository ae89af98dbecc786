import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/catalog-changes";
import { findNames, likeEscape } from "@/db/queries/catalog-search";
import { deleteMirroredPackage } from "@/db/queries/package-mirror";
import { runSync } from "@/lib/sync/sync";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";

// A misspelt search finds its near names through their rarest shared trigrams (name_trigrams,
// kept by triggers on package_series). What a user notices: the package they meant comes
// first whatever they mistyped, and a package published or deleted since is found, or no
// longer suggested, after the next sync.

afterAll(() => closeDb());

beforeAll(async () => {
  await resetSandbox();
  await resetCatalog();
  await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
});

/** What the triggers keep, recomputed from package_series itself. */
async function drift() {
  const sql = getSql();
  const [r] = await sql<{ missing: number; extra: number; counts: number }[]>`
    with want as (select distinct t as trgm, s.name from package_series s, unnest(show_trgm(s.name)) t)
    select
      (select count(*)::int from want w where not exists (
        select 1 from name_trigrams n where n.trgm = w.trgm and n.name = w.name)) as missing,
      (select count(*)::int from name_trigrams n where not exists (
        select 1 from want w where w.trgm = n.trgm and w.name = n.name)) as extra,
      (select count(*)::int from (
        (select trgm, count(*)::int as names from want group by trgm)
        except (select trgm, names from trigram_names where names > 0)) d) as counts`;
  return r;
}

/** The reference: every name scored, as findNames scores them. */
async function bestScore(term: string): Promise<number> {
  const like = `%${likeEscape(term)}%`;
  const [r] = await getSql()<{ best: number }[]>`
    select max(case when name ilike ${like} then 1
      else greatest(similarity(name, ${term}), word_similarity(${term}, name)) end)::float8 as best
    from package_series`;
  return Number(r.best);
}

/** Two letters in the middle swapped: the commonest slip of the fingers. */
const swap = (s: string) => {
  const i = Math.floor(s.length / 2);
  return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
};

describe("near names", () => {
  it("are listed from every name the mirror holds, through sync and delete", async () => {
    expect(await drift()).toEqual({ missing: 0, extra: 0, counts: 0 });
    const sql = getSql();
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from name_trigrams`;
    expect(n).toBeGreaterThan(100);

    // A new package, synced: its name's trigrams appear.
    await publishPackages({
      project_id: 10,
      count: 2,
      package_type: "npm",
      name: "@platon/zebra-qx",
    });
    await runSync({ kind: "incremental", trigger: "test", newFilesLimit: 0 });
    expect(await drift()).toEqual({ missing: 0, extra: 0, counts: 0 });
    const zebra = await sql<
      { id: string }[]
    >`select id from packages where name = '@platon/zebra-qx'`;
    expect(zebra).toHaveLength(2);
    bumpCatalogGeneration();
    expect((await findNames(sql, "@platon/zerba-qx")).names[0].name).toBe("@platon/zebra-qx");

    // Its versions deleted through the portal: the last one takes the name with it.
    await deleteMirroredPackage(Number(zebra[0].id));
    const [{ kept }] = await sql<{ kept: number }[]>`
      select count(*)::int as kept from name_trigrams where name = '@platon/zebra-qx'`;
    expect(kept).toBeGreaterThan(0); // one version left
    await deleteMirroredPackage(Number(zebra[1].id));
    expect(await drift()).toEqual({ missing: 0, extra: 0, counts: 0 });
    const near = await findNames(sql, "@platon/zerba-qx");
    expect(near.names.map((m) => m.name)).not.toContain("@platon/zebra-qx");
  });

  it("put the best-scoring name first for a slip in any name of the catalog", async () => {
    const sql = getSql();
    const names = (
      await sql<{ name: string }[]>`
        select distinct name from package_series where length(name) >= 6 order by name`
    ).map((r) => r.name);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const term = swap(name);
      if (term.toLowerCase() === name.toLowerCase()) continue; // "…oo…": no slip
      const found = await findNames(sql, term);
      const best = await bestScore(term);
      expect(found.names.length, term).toBeGreaterThan(0);
      expect(found.names[0].score, `${term} (meant ${name})`).toBeCloseTo(best, 5);
      // The name meant is among the names kept, unless others score better (an existing
      // package spelt that way, or containing the term).
      if (best < 1)
        expect(
          found.names.map((m) => m.name),
          term,
        ).toContain(name);
    }
  });

  it("still finds the best match when only the rarest trigram is read", async () => {
    // A budget of no postings at all: the rarest trigram is read whatever the budget (at scale,
    // its list alone can exceed it), and only its names are candidates.
    const sql = getSql();
    const found = await findNames(sql, "@platon/ui-kti", undefined, 0);
    expect(found.names[0]?.name).toBe("@platon/ui-kit");
  });
});
