// Query parameter parsing with Grape-style validation errors.
import type { Ctx } from "./env";
import { fail } from "./errors";

export function query(c: Ctx, name: string): string | undefined {
  const v = c.req.query(name);
  return v === undefined || v === "" ? undefined : v;
}

export function boolParam(c: Ctx, name: string, fallback = false): boolean {
  const v = query(c, name);
  if (v === undefined) return fallback;
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  fail(400, { error: `${name} is invalid` });
}

export function enumParam<T extends string>(
  c: Ctx,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const v = query(c, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v))
    fail(400, { error: `${name} does not have a valid value` });
  return v as T;
}

export function intParam(c: Ctx, name: string): number | undefined {
  const v = query(c, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) fail(400, { error: `${name} is invalid` });
  return Number(v);
}
