import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pagination } from "./pagination";
import { TypeChips } from "./type-chips";

// Past the count cap (a broad search), totals are lower bounds: the pager cannot say how many
// pages there are, and the type chips cannot say how many per type.

const noop = () => {};
const nextDisabled = (html: string) => /<button[^>]* disabled=""[^>]*>Next/.test(html);
const text = (html: string) => html.replace(/<[^>]*>/g, " ");

describe("Pagination", () => {
  it("numbers pages out of the total when it is exact", () => {
    const html = renderToStaticMarkup(
      <Pagination page={2} total={45} perPage={20} onPage={noop} />,
    );
    expect(html).toContain("Page 2 of 3");
    expect(nextDisabled(html)).toBe(false);
  });

  it("on the last exact page, next is off", () => {
    const html = renderToStaticMarkup(
      <Pagination page={3} total={45} perPage={20} onPage={noop} />,
    );
    expect(nextDisabled(html)).toBe(true);
  });

  it("with a lower bound, says no last page and keeps next open while pages are full", () => {
    const full = renderToStaticMarkup(
      <Pagination page={51} total={1000} perPage={20} exact={false} pageFull onPage={noop} />,
    );
    expect(full).toContain("Page 51<");
    expect(full).not.toContain(" of ");
    expect(nextDisabled(full)).toBe(false);
    const short = renderToStaticMarkup(
      <Pagination page={52} total={1000} perPage={20} exact={false} onPage={noop} />,
    );
    expect(nextDisabled(short)).toBe(true);
  });
});

describe("TypeChips", () => {
  it("shows per-type counts only when they are exact", () => {
    const facets = { npm: 1001, pypi: 7 };
    const exact = renderToStaticMarkup(<TypeChips facets={facets} selected={[]} onChange={noop} />);
    expect(text(exact)).toMatch(/1,001/);
    const bounds = renderToStaticMarkup(
      <TypeChips facets={facets} exact={false} selected={[]} onChange={noop} />,
    );
    expect(text(bounds)).not.toMatch(/\d/);
  });
});
