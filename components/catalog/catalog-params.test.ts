import { createLoader } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { catalogQuerySchema } from "@/lib/validations/catalog";
import { catalogParsers, toApiSearch } from "./catalog-params";

// The catalog page reads its URL with the nuqs parsers and asks /api/packages with
// toApiSearch(state); the API parses the same URL with the zod contract. Both must mean the
// same query, defaults included.

const load = createLoader(catalogParsers);

const asUi = (search: string) =>
  catalogQuerySchema.parse(Object.fromEntries(new URLSearchParams(toApiSearch(load(search)))));
const asApi = (search: string) =>
  catalogQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)));

describe("one catalog URL, one query in the UI and the API", () => {
  it.each([
    "",
    "?q=ui-kit",
    "?q=ui-kit+1.2&type=npm,maven&sort=-size",
    "?sort=downloaded&order=asc",
    "?view=packages",
    "?view=versions&page=3",
    "?project=platon/backend/api&status=deprecated&never_downloaded=true",
    "?group=101&published_from=2024-01-01&published_to=2024-02-01&downloaded_before=2024-03-01",
  ])("%s", (search) => {
    expect(asUi(search)).toEqual(asApi(search));
  });

  it("the defaults are the schema's", () => {
    const state = load("");
    const defaults = catalogQuerySchema.parse({});
    expect(state.view).toBe(defaults.view);
    expect(state.page).toBe(defaults.page);
    expect(asUi("").per_page).toBe(defaults.per_page);
  });
});
