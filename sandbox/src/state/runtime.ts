// One running sandbox: settings, the store, faults and the persistence schedule.
import { Faults } from "./faults";
import { clearSnapshot, loadInto, writeSnapshot } from "./persistence";
import { Store } from "./store";
import { features, type Features } from "./version";
import { BlobStore } from "./blobs";

export interface RuntimeOptions {
  dataDir?: string;
  packages?: number;
  tokenTtlSeconds?: number;
  publicUrl?: string;
  /** GitLab release to play (SANDBOX_GITLAB_VERSION), default the newest modelled. */
  gitlabVersion?: string;
  /** SANDBOX_ADMIN_MODE: an admin acts as admin only with a token carrying `admin_mode`. */
  adminMode?: boolean;
}

const PERSIST_DEBOUNCE_MS = 200;

export class Runtime {
  store: Store;
  readonly faults = new Faults();
  readonly blobs: BlobStore;
  publicUrl = "";
  readonly tokenTtlSeconds: number;
  readonly features: Features;
  readonly adminMode: boolean;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly opts: RuntimeOptions) {
    this.tokenTtlSeconds = opts.tokenTtlSeconds ?? 7200;
    this.features = features(opts.gitlabVersion);
    this.adminMode = opts.adminMode ?? false;
    this.store = this.newStore();
    this.blobs = new BlobStore(opts.dataDir);
    if (opts.dataDir) loadInto(this.store, opts.dataDir);
  }

  private newStore(): Store {
    const store = new Store({ packages: this.opts.packages });
    // Before 17.7 there is no Planner role: the fixture's planner is a Guest there.
    if (!this.features.planner)
      for (const m of store.memberships) if (m.accessLevel === 15) m.accessLevel = 10;
    return store;
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
    this.store = this.newStore();
    this.blobs.clear();
    this.faults.clear();
  }
}
