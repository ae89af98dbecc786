// One running sandbox: settings, the store, faults and the persistence schedule.
import { Faults } from "./faults";
import { clearSnapshot, loadInto, writeSnapshot } from "./persistence";
import { Store } from "./store";
import { BlobStore } from "./blobs";

export interface RuntimeOptions {
  dataDir?: string;
  packages?: number;
  tokenTtlSeconds?: number;
  publicUrl?: string;
}

const PERSIST_DEBOUNCE_MS = 200;

export class Runtime {
  store: Store;
  readonly faults = new Faults();
  readonly blobs: BlobStore;
  publicUrl = "";
  readonly tokenTtlSeconds: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly opts: RuntimeOptions) {
    this.tokenTtlSeconds = opts.tokenTtlSeconds ?? 7200;
    this.store = new Store({ packages: opts.packages });
    this.blobs = new BlobStore(opts.dataDir);
    if (opts.dataDir) loadInto(this.store, opts.dataDir);
  }

  /** Record that mutable state changed: schedules a debounced write when persistence is on. */
  changed() {
    this.store.version++;
    if (!this.opts.dataDir || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, PERSIST_DEBOUNCE_MS);
  }

  flush() {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.opts.dataDir) writeSnapshot(this.store, this.opts.dataDir);
  }

  /** Back to the fixture. Issued OAuth tokens, sessions and persisted state are dropped too. */
  reset() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.opts.dataDir) clearSnapshot(this.opts.dataDir);
    this.store = new Store({ packages: this.opts.packages });
    this.blobs.clear();
    this.faults.clear();
  }
}
