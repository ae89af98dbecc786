// Request bodies: JSON or form-encoded, an empty body is {}.
import type { Ctx } from "./env";
import { fail } from "./errors";

export async function readBody(c: Ctx): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  const text = await c.req.text();
  if (!text.trim()) return {};
  if (type.includes("application/x-www-form-urlencoded")) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(text)) {
      const key = k.endsWith("[]") ? k.slice(0, -2) : k;
      if (k.endsWith("[]")) out[key] = [...((out[key] as string[]) ?? []), v];
      else out[key] = v;
    }
    return out;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  fail(400, { message: "400 Bad request - body is not valid JSON" });
}
