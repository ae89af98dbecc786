/** WEB_CONCURRENCY as a worker count (default 1); throws on anything but 1–8. */
export function workerCount(value?: string): number;
/** The environment of worker `index` of `count`: only the first one runs the schedulers. */
export function workerEnv(index: number, count: number): Record<string, string>;
