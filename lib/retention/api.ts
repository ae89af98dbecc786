import type { NextRequest } from "next/server";
import { parseInput } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { pageQuery, policyIdParams } from "@/lib/validations/retention";
import type { PreviewPage } from "./preview";

// Small helpers the policy route handlers share: they authenticate first (the wrapper), then
// read params, query and body here — so an anonymous caller gets 401, never a 422.

export const policyId = (params: unknown) => {
  const r = policyIdParams.safeParse(params);
  if (!r.success) throw new AppError("not_found", "Retention policy not found.");
  return r.data.id;
};

export const queryOf = (req: NextRequest) =>
  Object.fromEntries(
    [...new Set(req.nextUrl.searchParams.keys())].map((k) => [k, req.nextUrl.searchParams.get(k)]),
  );

export async function jsonBody(req: NextRequest): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError("invalid_input", "The request body must be JSON.");
  }
}

/** ?page&per_page of a preview (read before planning: bad paging is a 422, nothing planned). */
export function previewPaging(req: NextRequest): PreviewPage {
  return parseInput("query", pageQuery, queryOf(req));
}
