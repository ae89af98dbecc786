import { describe, expect, it } from "vitest";
import { within } from "./bounded";

const after = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe("within", () => {
  it("gives the work's result when it is in time", async () => {
    expect(await within(200, after(5, "done"), () => "late")).toBe("done");
  });

  it("gives late()'s value once the bound passes, without waiting for the work", async () => {
    const started = Date.now();
    expect(await within(30, new Promise<string>(() => {}), () => "late")).toBe("late");
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("rejects with late()'s error, and a work failing afterwards is not unhandled", async () => {
    const failing = after(60, null).then(() => {
      throw new Error("too late to matter");
    });
    await expect(
      within(10, failing, () => {
        throw new Error("bound");
      }),
    ).rejects.toThrow("bound");
    await after(80, null);
  });
});
