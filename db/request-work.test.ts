import { describe, expect, it } from "vitest";
import { outsideRequestWork, SharedFlights, startRequestWork, trackQuery } from "./request-work";

// A statement as db/index.ts hands it to trackQuery: a promise with cancel(), here one that
// settles only when cancelled (or told to finish).
function statement() {
  let finish!: (v: unknown) => void;
  let fail!: (e: unknown) => void;
  const s = Object.assign(new Promise((resolve, reject) => ((finish = resolve), (fail = reject))), {
    cancelled: false,
    cancel: () => ((s.cancelled = true), fail(new Error("cancelled"))),
  });
  s.catch(() => {});
  return Object.assign(s, { finish });
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("a request's statements", () => {
  it("are cancelled when the request is given up, not before; later ones run", async () => {
    const first = statement();
    const later = statement();
    const { abandon } = startRequestWork(async () => {
      trackQuery(first);
      await tick();
      await tick();
      trackQuery(later);
    });
    await tick();
    expect(first.cancelled).toBe(false);
    abandon();
    expect(first.cancelled).toBe(true);
    await tick();
    await tick();
    expect(later.cancelled).toBe(false);
  });

  it("that finished are not cancelled; a job started outside the request is left alone", async () => {
    const done = statement();
    const job = statement();
    const { abandon } = startRequestWork(async () => {
      trackQuery(done);
      outsideRequestWork(() => trackQuery(job));
    });
    done.finish(1);
    await tick();
    abandon();
    expect(done.cancelled).toBe(false);
    expect(job.cancelled).toBe(false);
  });
});

describe("work requests share (SharedFlights)", () => {
  // Two requests ask for the same key; the first starts the computation.
  function twoWaiters(flights: SharedFlights<number>, s: ReturnType<typeof statement>) {
    const compute = async () => {
      trackQuery(s);
      return (await s) as number;
    };
    const a = startRequestWork(() => flights.run("k", compute));
    const b = startRequestWork(() => flights.run("k", compute));
    a.result.catch(() => {});
    b.result.catch(() => {});
    return { a, b };
  }

  it("goes on while one request still waits on it, and is cancelled when none does", async () => {
    const s = statement();
    const { a, b } = twoWaiters(new SharedFlights<number>(), s);
    await tick();
    a.abandon();
    expect(s.cancelled).toBe(false);
    b.abandon();
    expect(s.cancelled).toBe(true);
  });

  it("answers every waiter once computed", async () => {
    const s = statement();
    const { a, b } = twoWaiters(new SharedFlights<number>(), s);
    await tick();
    s.finish(7);
    expect(await a.result).toBe(7);
    expect(await b.result).toBe(7);
  });

  it("is never cancelled while a caller outside any request waits on it", async () => {
    const flights = new SharedFlights<number>();
    const s = statement();
    const { a, b } = twoWaiters(flights, s);
    const outside = flights.run("k", async () => 0);
    await tick();
    a.abandon();
    b.abandon();
    expect(s.cancelled).toBe(false);
    s.finish(3);
    expect(await outside).toBe(3);
  });

  it("starts afresh for a caller arriving after every waiter was given up", async () => {
    const flights = new SharedFlights<number>();
    const s = statement();
    const { a, b } = twoWaiters(flights, s);
    await tick();
    a.abandon();
    b.abandon();
    expect(await flights.run("k", async () => 5)).toBe(5);
  });

  it("a refresh nobody waits for (wait: false) is not cancelled with the request that started it", async () => {
    const flights = new SharedFlights<number>();
    const s = statement();
    const r = startRequestWork(async () => {
      void flights
        .run(
          "k",
          async () => {
            trackQuery(s);
            return (await s) as number;
          },
          { wait: false },
        )
        .catch(() => {});
    });
    await r.result;
    await tick();
    r.abandon();
    expect(s.cancelled).toBe(false);
  });
});
