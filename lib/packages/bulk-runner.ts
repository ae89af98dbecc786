import type { DeleteResult, DeleteSummary } from "./results";

// The catalog's bulk delete sends its selection in chunks through POST /api/packages/bulk-delete
// so the progress bar moves as work really finishes (one request for 300 ids would show 0 then
// 300). A chunk that fails as a whole marks each of its ids failed and the run goes on.

export const BULK_CHUNK_SIZE = 10;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new Error("chunk size must be at least 1");
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type SendChunk = (ids: number[]) => Promise<Pick<DeleteSummary, "results">>;

export async function runBulkInChunks(
  ids: readonly number[],
  send: SendChunk,
  onProgress: (done: DeleteResult[]) => void,
  size = BULK_CHUNK_SIZE,
): Promise<DeleteResult[]> {
  const done: DeleteResult[] = [];
  for (const part of chunk(ids, size)) {
    try {
      const { results } = await send(part);
      done.push(...results);
    } catch (e) {
      const message = e instanceof Error ? e.message : "The request failed.";
      done.push(...part.map((id) => ({ id, ok: false, status: "failed" as const, message })));
    }
    onProgress([...done]);
  }
  return done;
}
