import { expect, type APIRequestContext } from "@playwright/test";
import { SANDBOX_URL } from "../playwright.config";

// The sandbox's injected faults (sandbox/README.md, the control API) for specs that make
// GitLab fail, throttle or stall under the built portal.

type Fault = { id: number; hits: number };

/** Adds a fault; its id. */
export async function addFault(request: APIRequestContext, fault: Record<string, unknown>) {
  const res = await request.post(`${SANDBOX_URL}/-/sandbox/faults`, { data: fault });
  expect(res.status()).toBe(201);
  return ((await res.json()) as Fault).id;
}

/** The fault, or undefined once it has hit its `count` requests (the sandbox drops it). */
export async function activeFault(request: APIRequestContext, id: number) {
  const res = await request.get(`${SANDBOX_URL}/-/sandbox/faults`);
  return ((await res.json()) as Fault[]).find((f) => f.id === id);
}

export async function clearFaults(request: APIRequestContext) {
  await request.delete(`${SANDBOX_URL}/-/sandbox/faults`);
}
