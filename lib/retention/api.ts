import type { NextRequest } from "next/server";
import { parseInput } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { pageQuery, policyIdParams } from "@/lib/validations/retention";
import type { Preview } from "./preview";

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

/** Pages the preview's lists when per_page is given; totals always say how many there are. */
export function pagePreview(preview: Preview, req: NextRequest) {
  const { page, per_page } = parseInput("query", pageQuery, queryOf(req));
  const totals = {
    delete: preview.delete.length,
    delete_files: preview.delete_files.length,
    keep: preview.keep.length,
  };
  if (!per_page) return { ...preview, totals };
  const slice = <T>(list: T[]) => list.slice((page - 1) * per_page, page * per_page);
  return {
    ...preview,
    delete: slice(preview.delete),
    delete_files: slice(preview.delete_files),
    keep: slice(preview.keep),
    totals,
    page,
    per_page,
  };
}
