// Offset pagination exactly as GitLab sends it (facts §3).
import type { Ctx } from "./env";
import { fail } from "./errors";

const MAX_PER_PAGE = 100;
const COUNT_LIMIT = 10_000;

export interface PageRequest {
  page: number;
  perPage: number;
  offset: number;
}

export function pageRequest(c: Ctx): PageRequest {
  const parse = (name: string, fallback: number) => {
    const raw = c.req.query(name);
    if (raw === undefined || raw === "") return fallback;
    if (!/^-?\d+$/.test(raw)) fail(400, { error: `${name} is invalid` });
    const n = Number(raw);
    return n < 1 ? fallback : n;
  };
  const page = parse("page", 1);
  const perPage = Math.min(parse("per_page", 20), MAX_PER_PAGE);
  return { page, perPage, offset: (page - 1) * perPage };
}

/** Slice `items` for the requested page, set GitLab's headers and return the page as JSON. */
export function paginate<T, R>(c: Ctx, items: readonly T[], present: (item: T) => R) {
  const req = pageRequest(c);
  const total = items.length;
  const pageItems = items.slice(req.offset, req.offset + req.perPage).map(present);
  setPageHeaders(c, req, total);
  return c.json(pageItems);
}

export function setPageHeaders(c: Ctx, req: PageRequest, total: number) {
  const counted = total <= COUNT_LIMIT;
  const totalPages = Math.max(1, Math.ceil(total / req.perPage));
  const hasNext = req.offset + req.perPage < total;
  const hasPrev = req.page > 1;
  c.header("x-page", String(req.page));
  c.header("x-per-page", String(req.perPage));
  c.header("x-next-page", hasNext ? String(req.page + 1) : "");
  c.header("x-prev-page", hasPrev ? String(req.page - 1) : "");
  if (counted) {
    c.header("x-total", String(total));
    c.header("x-total-pages", String(totalPages));
  }
  const rt = c.get("rt");
  const url = new URL(c.req.url);
  const link = (page: number, rel: string) => {
    const params = new URLSearchParams(url.search);
    params.set("page", String(page));
    params.set("per_page", String(req.perPage));
    return `<${rt.publicUrl}${url.pathname}?${params.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (hasPrev) links.push(link(req.page - 1, "prev"));
  if (hasNext) links.push(link(req.page + 1, "next"));
  links.push(link(1, "first"));
  if (counted) links.push(link(totalPages, "last"));
  c.header("link", links.join(", "));
}
