// POST /api/graphql — the slice of GitLab's GraphQL API the portal uses: the query
// `namespace(fullPath) { packageSettings { … } }` and the mutation
// `updateNamespacePackageSettings(input: {namespacePath, …}) { packageSettings { … } errors }`.
// As GitLab does, every answer is HTTP 200: a refused or invalid call carries an `errors` array.
import { Hono } from "hono";
import { authenticate } from "../http/auth";
import type { Ctx, SandboxEnv } from "../http/env";
import { canSeeGroup, groupLevel, isAdminCaller, OWNER, REPORTER } from "../state/access";
import { ownPackageSettings } from "../state/package-settings";
import type { Group } from "../state/types";
import { GraphqlSyntaxError, parseOperation, resolveValue, type Field } from "./parse";
import { SETTINGS_FIELDS, updateSettings } from "./package-settings";

export const graphqlRoutes = new Hono<SandboxEnv>();
graphqlRoutes.use("*", authenticate);

const NOT_FOUND =
  "The resource that you are attempting to access does not exist or you don't have permission to perform this action";

type GqlError = {
  message: string;
  locations?: { line: number; column: number }[];
  path?: string[];
};

const errorAt = (f: Field, message: string, path = [f.name]): GqlError => ({
  message,
  locations: [{ line: f.line, column: f.column }],
  path,
});

function findGroup(c: Ctx, fullPath: unknown): Group | undefined {
  if (typeof fullPath !== "string") return undefined;
  const g = c.get("rt").store.groupsByPath.get(fullPath.toLowerCase());
  return g && canSeeGroup(c.get("rt").store, c.get("caller"), g) ? g : undefined;
}

const level = (c: Ctx, g: Group) =>
  isAdminCaller(c.get("caller")) ? 60 : groupLevel(c.get("rt").store, c.get("caller"), g);

/** PackageSettings object restricted to the selected fields (unknown fields → errors). */
function selectSettings(c: Ctx, g: Group, sel: Field[], errors: GqlError[]) {
  const camel = packageSettingsCamel(c, g);
  const out: Record<string, unknown> = {};
  for (const f of sel) {
    if (f.name === "__typename") out[f.name] = "PackageSettings";
    else if (f.name in camel) out[f.name] = camel[f.name];
    else errors.push(errorAt(f, `Field '${f.name}' doesn't exist on type 'PackageSettings'`));
  }
  return out;
}

function packageSettingsCamel(c: Ctx, g: Group): Record<string, unknown> {
  const s = ownPackageSettings(c.get("rt").store, g.id) as unknown as Record<string, unknown>;
  return Object.fromEntries(
    SETTINGS_FIELDS.map(([snake, camel]) => [camel, s[snake] === "" ? null : s[snake]]),
  );
}

function runQuery(c: Ctx, fields: Field[], vars: Record<string, unknown>, errors: GqlError[]) {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.name !== "namespace") {
      errors.push(errorAt(f, `Field '${f.name}' doesn't exist on type 'Query'`));
      continue;
    }
    const g = findGroup(c, resolveValue(f.args.fullPath ?? { kind: "lit", value: null }, vars));
    if (!g) {
      data.namespace = null;
      continue;
    }
    const ns: Record<string, unknown> = {};
    for (const s of f.selections) {
      if (s.name === "id") ns.id = `gid://gitlab/Group/${g.id}`;
      else if (s.name === "fullPath") ns.fullPath = g.fullPath;
      else if (s.name === "packageSettings") {
        // read_package_settings: Reporter+ of the group; below that the field is null
        ns.packageSettings =
          level(c, g) >= REPORTER ? selectSettings(c, g, s.selections, errors) : null;
      } else errors.push(errorAt(s, `Field '${s.name}' doesn't exist on type 'Namespace'`));
    }
    data.namespace = ns;
  }
  return data;
}

function runMutation(c: Ctx, fields: Field[], vars: Record<string, unknown>, errors: GqlError[]) {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.name !== "updateNamespacePackageSettings") {
      errors.push(errorAt(f, `Field '${f.name}' doesn't exist on type 'Mutation'`));
      continue;
    }
    const input = f.args.input ? resolveValue(f.args.input, vars) : undefined;
    if (!input || typeof input !== "object") {
      errors.push(
        errorAt(f, "Field 'updateNamespacePackageSettings' is missing required arguments: input"),
      );
      continue;
    }
    const args = input as Record<string, unknown>;
    const g = findGroup(c, args.namespacePath);
    // create_package_settings: Owner (or admin); anything else reads as "not found"
    if (!g || level(c, g) < OWNER) {
      data[f.name] = null;
      errors.push(errorAt(f, NOT_FOUND));
      continue;
    }
    const result = updateSettings(c.get("rt").store, g.id, args);
    if (result.inputError) {
      data[f.name] = null;
      errors.push(errorAt(f, result.inputError));
      continue;
    }
    if (result.errors.length === 0) c.get("rt").changed();
    const payload: Record<string, unknown> = {};
    for (const s of f.selections) {
      if (s.name === "errors") payload.errors = result.errors;
      else if (s.name === "clientMutationId")
        payload.clientMutationId = args.clientMutationId ?? null;
      else if (s.name === "packageSettings")
        payload.packageSettings = result.errors.length
          ? null
          : selectSettings(c, g, s.selections, errors);
      else
        errors.push(
          errorAt(
            s,
            `Field '${s.name}' doesn't exist on type 'UpdateNamespacePackageSettingsPayload'`,
          ),
        );
    }
    data[f.name] = payload;
  }
  return data;
}

graphqlRoutes.post("/", async (c) => {
  let body: { query?: unknown; variables?: unknown };
  try {
    body = await c.req.json();
  } catch {
    return c.json({ errors: [{ message: "Unexpected end of document" }] });
  }
  if (typeof body.query !== "string" || !body.query.trim()) {
    return c.json({ errors: [{ message: "No query string was present" }] });
  }
  let op;
  try {
    op = parseOperation(body.query);
  } catch (e) {
    if (e instanceof GraphqlSyntaxError) return c.json({ errors: [{ message: e.message }] });
    throw e;
  }
  const vars =
    body.variables && typeof body.variables === "object"
      ? (body.variables as Record<string, unknown>)
      : {};
  const errors: GqlError[] = [];
  const data =
    op.type === "mutation"
      ? runMutation(c, op.selections, vars, errors)
      : runQuery(c, op.selections, vars, errors);
  return c.json(errors.length ? { data, errors } : { data });
});
