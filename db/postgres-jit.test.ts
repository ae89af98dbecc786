import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { describe, expect, it } from "vitest";

// patches/postgres+3.4.9.patch defines Symbol.species on postgres.js's Query (a Promise
// subclass: every sql`` fragment builds one) and Result after their classes instead of as
// static getters in their bodies. With the getters, V8 (Node 20) optimizes Query's
// constructor and sql() again and again for as long as the process runs: in the portal,
// ~1.7 s of TurboFan compiling on background threads per 4 000 catalog searches, CPU taken
// from PostgreSQL and the request thread on the same cores. If a postgres.js upgrade drops
// the patch, this fails.

const FRAGMENTS = `
  import postgres from "postgres";
  const sql = postgres("postgres://nobody@127.0.0.1:1/none", { max: 1 });
  let n = 0;
  for (let round = 0; round < 30; round++) {
    for (let i = 0; i < 20000; i++) n += sql\`a \${i} b \${sql\`c \${i}\`}\`.args.length;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  console.log("fragments", n);
  // Result (an Array subclass) is patched the same way; its map() is still a plain Array.
  const { default: Result } = await import(
    new URL("node_modules/postgres/src/result.js", "file://" + process.cwd() + "/").href
  );
  const result = new Result();
  result.push(1, 2);
  console.log("result map is Array", Object.getPrototypeOf(result.map((x) => x)) === Array.prototype);
  // The CommonJS copies (what require("postgres") loads) carry the same getters.
  const { createRequire } = await import("node:module");
  const load = createRequire(process.cwd() + "/");
  const CjsResult = load("./node_modules/postgres/cjs/src/result.js");
  const { Query: CjsQuery } = load("./node_modules/postgres/cjs/src/query.js");
  console.log("cjs species", CjsResult[Symbol.species] === Array, CjsQuery[Symbol.species] === Promise);
  process.exit(0);
`;

describe("postgres.js under V8's optimizer", () => {
  it("compiles the Query constructor a few times, not once per few thousand fragments", () => {
    const run = spawnSync(
      process.execPath,
      ["--trace-opt", "--input-type=module", "--eval", FRAGMENTS],
      { cwd: process.cwd(), encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("fragments 1200000");
    expect(run.stdout).toContain("result map is Array true");
    expect(run.stdout).toContain("cjs species true true");
    // Attempts, completed or aborted ("Bailed out due to dependency change"): each took a
    // TurboFan compile.
    const compiles = (name: string) =>
      run.stdout
        .split("\n")
        .filter((l) => l.includes(" took ") && l.includes(`<JSFunction ${name} `)).length;
    // Unpatched: ~250 each. Patched: once or twice.
    expect(compiles("Query")).toBeLessThanOrEqual(5);
    expect(compiles("sql")).toBeLessThanOrEqual(5);
  }, 90_000);

  it("keeps Symbol.species: a query's then() is a plain Promise", async () => {
    const sql = postgres("postgres://nobody@127.0.0.1:1/none", { max: 1 });
    const query = sql`select 1`;
    expect(Object.getPrototypeOf(query).constructor[Symbol.species]).toBe(Promise);
    const chained = query.then(
      () => 1,
      () => 2,
    );
    expect(Object.getPrototypeOf(chained)).toBe(Promise.prototype);
    expect(await chained).toBe(2); // nothing listens on port 1
    await sql.end({ timeout: 0 });
  });
});
