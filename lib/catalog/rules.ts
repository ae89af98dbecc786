// Catalog rules shared by the SQL (as arguments), the server and the client components.

/** A version not downloaded for this many days (or never) counts as stale. */
export const STALE_AFTER_DAYS = 90;
