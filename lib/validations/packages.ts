import { z } from "zod";

// Shared by the bulk-delete endpoint and the catalog's selection UI.

export const MAX_BULK_IDS = 500;

const packageId = z.coerce
  .number({ error: "must be a package id" })
  .int("must be a whole number")
  .positive("must be a positive id");

/** 1–500 positive integer ids; duplicates are dropped (first occurrence keeps its place). */
export const bulkIdsSchema = z
  .array(packageId)
  .min(1, "give at least one package id")
  .max(MAX_BULK_IDS, `give at most ${MAX_BULK_IDS} package ids per request`)
  .transform((ids) => [...new Set(ids)]);

export const bulkDeleteBodySchema = z.object({ ids: bulkIdsSchema });

export const packageIdParams = z.object({ id: packageId });
export const packageFileParams = z.object({ id: packageId, fileId: packageId });
