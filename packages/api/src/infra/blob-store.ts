// The BlobStore port (issue 20): bytes by key (photos, menu and promo images), with short-lived signed
// URLs so clients upload and download directly. Adapters: the filesystem under .data/blobs
// (blob-store-fs.ts, with signed endpoints in blob-routes.ts) and S3 (blob-store-s3.ts); both pass
// blob-store.contract.ts. Chosen in blob-select.ts from env-blob.ts.
import { badRequest } from "../errors.ts";

export interface BlobInfo {
  key: string;
  size: number;
  contentType: string;
}

/** What a client needs to upload: PUT these exact bytes to `url` with `headers`, before `expiresAt`. */
export interface SignedUpload {
  url: string;
  method: "PUT";
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface UploadRequest {
  contentType: string;
  /** The upload's size in bytes, declared by the client; the URL accepts exactly this many. */
  size: number;
  /** The most the caller allows for this kind of blob; a larger `size` is refused before signing. */
  maxBytes: number;
  expiresInSeconds: number;
}

export interface BlobStore {
  readonly name: "filesystem" | "s3";
  put(key: string, bytes: Buffer, contentType: string): Promise<BlobInfo>;
  /** The blob's bytes, or null when there is none under `key`. */
  get(key: string): Promise<{ bytes: Buffer; info: BlobInfo } | null>;
  head(key: string): Promise<BlobInfo | null>;
  /** Removes the blob; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** The keys under a folder `prefix` ("deliveries/<id>/"), sorted; at most `limit` (default and most: 1000). */
  list(prefix: string, options?: { limit?: number }): Promise<string[]>;
  /** A URL the client PUTs the bytes to; refuses (400) a size above `maxBytes` or a malformed type. */
  signUpload(key: string, request: UploadRequest): Promise<SignedUpload>;
  /** A URL that serves the blob until it expires. */
  signDownload(key: string, options: { expiresInSeconds: number }): Promise<string>;
  /** Releases connections (S3's HTTP agent); the filesystem has none. */
  close?(): void;
}

/** At most a week: S3 refuses longer presigned URLs, and a link should not outlive its purpose. */
export const MAX_URL_SECONDS = 7 * 24 * 3600;

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;
const CONTENT_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/i;

/** Keys are relative paths of plain segments (no "..", no leading "/", no ".meta" sidecar names). */
export function checkKey(key: string): string {
  if (
    key.length > 512 ||
    !KEY.test(key) ||
    key.split("/").some((s) => s.startsWith("..")) ||
    key.endsWith(".meta")
  )
    throw badRequest(
      `"${key.slice(0, 80)}" is not a valid blob key: use letters, digits, ".", "_", "-" and "/".`,
    );
  return key;
}

/** A folder to list: a valid key followed by "/". */
export function checkPrefix(prefix: string): string {
  if (!prefix.endsWith("/")) throw badRequest(`"${prefix.slice(0, 80)}" is not a folder: end it with "/".`);
  checkKey(prefix.slice(0, -1));
  return prefix;
}

export function checkContentType(contentType: string): string {
  if (!CONTENT_TYPE.test(contentType))
    throw badRequest(`"${contentType.slice(0, 80)}" is not a content type such as image/jpeg.`);
  return contentType.toLowerCase();
}

function checkSeconds(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_URL_SECONDS)
    throw badRequest(`A signed link lasts from 1 second to a week (${MAX_URL_SECONDS} seconds).`);
  return seconds;
}

/** The checks every adapter makes before signing an upload (the same sentences on both). */
export function checkUploadRequest(key: string, request: UploadRequest): UploadRequest {
  checkKey(key);
  if (!Number.isInteger(request.size) || request.size < 1)
    throw badRequest("An upload needs its size in bytes (a whole number above zero).");
  if (request.size > request.maxBytes)
    throw badRequest(
      `That file is ${request.size} bytes; at most ${request.maxBytes} bytes (${(request.maxBytes / 1024 / 1024).toFixed(1)} MB) are accepted.`,
    );
  return {
    ...request,
    contentType: checkContentType(request.contentType),
    expiresInSeconds: checkSeconds(request.expiresInSeconds),
  };
}

export function checkDownloadSeconds(seconds: number): number {
  return checkSeconds(seconds);
}

/**
 * After a client says its upload is done: the blob must be there with the signed type and size. S3
 * enforces the signed headers itself, but S3-compatible servers differ, so the server checks again
 * and deletes what does not match (answering 400), whichever adapter stored it.
 */
export async function confirmUpload(
  store: BlobStore,
  key: string,
  expected: { contentType: string; size: number },
): Promise<BlobInfo> {
  const info = await store.head(checkKey(key));
  if (!info) throw badRequest("The upload has not arrived; send the file again with a new link.");
  if (info.contentType !== expected.contentType.toLowerCase() || info.size !== expected.size) {
    await store.delete(key);
    throw badRequest(
      `The uploaded file is not what was announced (${expected.contentType}, ${expected.size} bytes); it was discarded.`,
    );
  }
  return info;
}
