import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { duplicateAllowed } from "../src/state/package-settings";
import { call, start } from "./helpers";

// GitLab's GraphQL for namespace package settings: HTTP 200 always; a refused mutation answers
// with a top-level `errors` array (not found / no permission) or payload `errors` (invalid input).

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.close());

const gql = (as: string | undefined, query: string, variables?: unknown) =>
  call(sb, "/api/graphql", {
    as,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });

const READ = `query($fullPath: ID!) { namespace(fullPath: $fullPath) { packageSettings {
  mavenDuplicatesAllowed mavenDuplicateExceptionRegex genericDuplicatesAllowed
  genericDuplicateExceptionRegex nugetDuplicatesAllowed } } }`;
const UPDATE = `mutation Update($input: UpdateNamespacePackageSettingsInput!) {
  updateNamespacePackageSettings(input: $input) { packageSettings { genericDuplicatesAllowed
  genericDuplicateExceptionRegex } errors } }`;

describe("GraphQL package settings", () => {
  it("reads GitLab's defaults for a Reporter; null below that", async () => {
    const r = await gql("reporter", READ, { fullPath: "platon" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      data: {
        namespace: {
          packageSettings: {
            mavenDuplicatesAllowed: true,
            mavenDuplicateExceptionRegex: null,
            genericDuplicatesAllowed: true,
            genericDuplicateExceptionRegex: null,
            nugetDuplicatesAllowed: true,
          },
        },
      },
    });
    const guest = await gql("guest", READ, { fullPath: "platon" });
    expect(guest.body.data.namespace.packageSettings).toBeNull();
    const outsider = await gql("outsider", READ, { fullPath: "platon/backend" });
    expect(outsider.body.data.namespace).toBeNull();
  });

  it("a developer's mutation: HTTP 200, errors, nothing changed", async () => {
    const r = await gql("developer", UPDATE, {
      input: { namespacePath: "platon", genericDuplicatesAllowed: false },
    });
    expect(r.status).toBe(200);
    expect(r.body.data.updateNamespacePackageSettings).toBeNull();
    expect(r.body.errors[0].message).toMatch(/don't have permission/);
    expect(r.body.errors[0].path).toEqual(["updateNamespacePackageSettings"]);
    const back = await gql("owner", READ, { fullPath: "platon" });
    expect(back.body.data.namespace.packageSettings.genericDuplicatesAllowed).toBe(true);
  });

  it("an invalid exception regex: payload errors, nothing saved", async () => {
    const r = await gql("owner", UPDATE, {
      input: {
        namespacePath: "platon",
        genericDuplicatesAllowed: false,
        genericDuplicateExceptionRegex: "(foo",
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.data.updateNamespacePackageSettings.errors[0]).toMatch(
      /Generic duplicate exception regex/,
    );
    expect(r.body.data.updateNamespacePackageSettings.packageSettings).toBeNull();
    const back = await gql("owner", READ, { fullPath: "platon" });
    expect(back.body.data.namespace.packageSettings.genericDuplicatesAllowed).toBe(true);
  });

  it("an unknown input field is a top-level error", async () => {
    const r = await gql("owner", UPDATE, {
      input: { namespacePath: "platon", npmDuplicatesAllowed: false },
    });
    expect(r.body.errors[0].message).toMatch(/doesn't accept argument 'npmDuplicatesAllowed'/);
  });

  it("the Owner's change is read back and drives the duplicate rule", async () => {
    const r = await gql("owner", UPDATE, {
      input: {
        namespacePath: "platon",
        genericDuplicatesAllowed: false,
        genericDuplicateExceptionRegex: "snap-.*",
      },
    });
    expect(r.body).toEqual({
      data: {
        updateNamespacePackageSettings: {
          packageSettings: {
            genericDuplicatesAllowed: false,
            genericDuplicateExceptionRegex: "snap-.*",
          },
          errors: [],
        },
      },
    });
    const store = sb.runtime.store;
    expect(duplicateAllowed(store, 1, "generic", "tool", "1.0.0")).toBe(false);
    expect(duplicateAllowed(store, 1, "generic", "snap-x", "1.0.0")).toBe(true);
  });

  it("inline literals work as well as variables; anonymous is refused", async () => {
    const q = `mutation { updateNamespacePackageSettings(input: { namespacePath: "shared", mavenDuplicatesAllowed: false }) { errors } }`;
    const anon = await gql(undefined, q);
    expect(anon.body.errors[0].message).toMatch(/don't have permission/);
    const ok = await gql("owner", q);
    expect(ok.body).toEqual({ data: { updateNamespacePackageSettings: { errors: [] } } });
  });

  it("a syntax error is an errors array with HTTP 200", async () => {
    const r = await gql("owner", "query { namespace(fullPath: ");
    expect(r.status).toBe(200);
    expect(r.body.errors).toHaveLength(1);
  });
});
