// The filesystem BlobStore: each blob is a file under the root (.data/blobs by default) with a small
// ".meta" file beside it holding its content type; writes go to a temporary file renamed into place, so
// a reader never sees half a blob. Signed links are relative ("/blobs/…") and point at blob-routes.ts on
// this server: the API serves them on the origin the apps came from, so a page opened at 127.0.0.1 does not
// upload cross-origin to PUBLIC_URL's localhost (CORS would refuse the PUT). A real choice for
// one node (or several sharing the directory), not a demo stand-in: back up the directory like the database.
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { LinkSigner } from "./blob-signing.ts";
import {
  type BlobInfo,
  type BlobStore,
  checkContentType,
  checkDownloadSeconds,
  checkKey,
  checkPrefix,
  checkUploadRequest,
  type SignedUpload,
  type UploadRequest,
} from "./blob-store.ts";

export const BLOB_UPLOAD_PATH = "/blobs/upload";
export const BLOB_DOWNLOAD_PATH = "/blobs/download";

export interface FilesystemBlobOptions {
  root: string;
  signer: LinkSigner;
  now?: () => Date;
}

export class FilesystemBlobStore implements BlobStore {
  readonly name = "filesystem";
  readonly root: string;
  readonly signer: LinkSigner;
  readonly now: () => Date;

  constructor(options: FilesystemBlobOptions) {
    this.root = options.root;
    this.signer = options.signer;
    this.now = options.now ?? (() => new Date());
  }

  #path(key: string): string {
    return join(this.root, checkKey(key));
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<BlobInfo> {
    const path = this.#path(key);
    const type = checkContentType(contentType);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes);
    await writeFile(`${path}.meta`, JSON.stringify({ contentType: type }));
    await rename(temp, path);
    return { key, size: bytes.length, contentType: type };
  }

  async get(key: string): Promise<{ bytes: Buffer; info: BlobInfo } | null> {
    const info = await this.head(key);
    if (!info) return null;
    const bytes = await readFile(this.#path(key)).catch(missing);
    return bytes ? { bytes, info: { ...info, size: bytes.length } } : null;
  }

  async head(key: string): Promise<BlobInfo | null> {
    const path = this.#path(key);
    const stats = await stat(path).catch(missing);
    if (!stats?.isFile()) return null;
    const meta = await readFile(`${path}.meta`, "utf8").catch(missing);
    return { key, size: stats.size, contentType: typeOf(meta) };
  }

  async delete(key: string): Promise<void> {
    const path = this.#path(key);
    await rm(path, { force: true });
    await rm(`${path}.meta`, { force: true });
  }

  async list(prefix: string, options: { limit?: number } = {}): Promise<string[]> {
    const folder = checkPrefix(prefix);
    const entries = await readdir(join(this.root, folder), { recursive: true, withFileTypes: true }).catch(
      missing,
    );
    const keys = (entries ?? [])
      .filter((e) => e.isFile() && !e.name.endsWith(".meta") && !e.name.endsWith(".tmp"))
      .map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join("/"))
      .sort();
    return keys.slice(0, options.limit ?? 1000);
  }

  async signUpload(key: string, request: UploadRequest): Promise<SignedUpload> {
    const r = checkUploadRequest(key, request);
    const exp = Math.floor(this.now().getTime() / 1000) + r.expiresInSeconds;
    const query = this.signer.sign({ op: "put", key, exp, type: r.contentType, size: r.size });
    return {
      url: `${BLOB_UPLOAD_PATH}?${query}`,
      method: "PUT",
      headers: { "content-type": r.contentType },
      expiresAt: new Date(exp * 1000),
    };
  }

  async signDownload(key: string, options: { expiresInSeconds: number }): Promise<string> {
    checkKey(key);
    const exp = Math.floor(this.now().getTime() / 1000) + checkDownloadSeconds(options.expiresInSeconds);
    return `${BLOB_DOWNLOAD_PATH}?${this.signer.sign({ op: "get", key, exp })}`;
  }
}

/** The type in a ".meta" file; a missing or damaged one serves the bytes as opaque data. */
function typeOf(meta: string | null): string {
  try {
    const type = meta ? (JSON.parse(meta) as { contentType?: unknown }).contentType : undefined;
    return typeof type === "string" ? type : "application/octet-stream";
  } catch {
    return "application/octet-stream";
  }
}

function missing(error: NodeJS.ErrnoException): null {
  if (error.code === "ENOENT" || error.code === "ENOTDIR") return null;
  throw error;
}
