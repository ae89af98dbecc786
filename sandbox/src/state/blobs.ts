// Bytes of package files uploaded through the package-manager protocols, addressed by sha256.
// With SANDBOX_DATA_DIR they live on disk (`<dir>/sandbox-blobs/<sha256>`) and are read per
// request; without it they stay in memory for the life of the process (tests, demos).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PackageFile } from "../fixture/files";

export interface Digests {
  md5: string;
  sha1: string;
  sha256: string;
  sha512: string;
}

export function digests(bytes: Uint8Array): Digests {
  const h = (alg: string) => createHash(alg).update(bytes).digest("hex");
  return { md5: h("md5"), sha1: h("sha1"), sha256: h("sha256"), sha512: h("sha512") };
}

export class BlobStore {
  private readonly memory = new Map<string, Buffer>();
  private readonly dir: string | null;

  constructor(dataDir?: string) {
    this.dir = dataDir ? path.join(dataDir, "sandbox-blobs") : null;
  }

  put(bytes: Buffer): string {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (!this.dir) {
      this.memory.set(sha256, bytes);
      return sha256;
    }
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, sha256);
    if (!existsSync(file)) writeFileSync(file, bytes);
    return sha256;
  }

  get(sha256: string): Buffer | null {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    if (!this.dir) return this.memory.get(sha256) ?? null;
    try {
      return readFileSync(path.join(this.dir, sha256));
    } catch {
      return null;
    }
  }

  clear() {
    this.memory.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** An uploaded file record: the fixture's file shape plus real digests. */
export type StoredFile = PackageFile & { md5: string; sha1: string; sha256: string };
