/** WEB_CONCURRENCY as a worker count (default: one per core, at most 4); throws on bad input. */
export function workerCount(value?: string, cores?: number): number;
/** The environment of worker `index` of `count`: only the first one runs the schedulers. */
export function workerEnv(index: number, count: number): Record<string, string>;
