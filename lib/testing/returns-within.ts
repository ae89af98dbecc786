import vm from "node:vm";

const context = vm.createContext({ call: null as null | (() => unknown) });
const script = new vm.Script("call()");

/**
 * `fn()`, or a throw once it has run `ms` milliseconds — even in a loop that never yields, which
 * no test timeout can interrupt (the test would hang its whole run instead of failing).
 */
export function returnsWithin<T>(ms: number, fn: () => T): T {
  context.call = fn;
  try {
    return script.runInContext(context, { timeout: ms }) as T;
  } finally {
    context.call = null;
  }
}
