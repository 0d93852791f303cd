// The S3 BlobStore (AWS S3 or any S3-compatible server: MinIO, Ceph, R2, s3rver in tests). Uploads
// are presigned PUTs whose signature covers the content type and the exact content length, so S3 itself
// refuses other bytes; downloads are presigned GETs. Path-style addressing when an endpoint is given.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
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

export interface S3Settings {
  /** An S3-compatible server's URL; undefined for AWS itself. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export class S3BlobStore implements BlobStore {
  readonly name = "s3";
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #now: () => Date;

  constructor(settings: S3Settings, options: { now?: () => Date } = {}) {
    this.#bucket = settings.bucket;
    this.#now = options.now ?? (() => new Date());
    this.#client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<BlobInfo> {
    const type = checkContentType(contentType);
    await this.#client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: checkKey(key), Body: bytes, ContentType: type }),
    );
    return { key, size: bytes.length, contentType: type };
  }

  async get(key: string): Promise<{ bytes: Buffer; info: BlobInfo } | null> {
    const out = await this.#client
      .send(new GetObjectCommand({ Bucket: this.#bucket, Key: checkKey(key) }))
      .catch(notFound);
    if (!out?.Body) return null;
    const bytes = Buffer.from(await out.Body.transformToByteArray());
    return {
      bytes,
      info: { key, size: bytes.length, contentType: out.ContentType ?? "application/octet-stream" },
    };
  }

  async head(key: string): Promise<BlobInfo | null> {
    const out = await this.#client
      .send(new HeadObjectCommand({ Bucket: this.#bucket, Key: checkKey(key) }))
      .catch(notFound);
    if (!out) return null;
    return { key, size: out.ContentLength ?? 0, contentType: out.ContentType ?? "application/octet-stream" };
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: checkKey(key) }));
  }

  async list(prefix: string, options: { limit?: number } = {}): Promise<string[]> {
    // One page (S3 answers at most 1000 keys); cut here rather than with MaxKeys, which s3rver mishandles.
    const out = await this.#client.send(
      new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: checkPrefix(prefix) }),
    );
    const keys = (out.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])).sort();
    return keys.slice(0, options.limit ?? 1000);
  }

  async signUpload(key: string, request: UploadRequest): Promise<SignedUpload> {
    const r = checkUploadRequest(key, request);
    const signingDate = this.#now();
    const command = new PutObjectCommand({
      Bucket: this.#bucket,
      Key: key,
      ContentType: r.contentType,
      ContentLength: r.size,
    });
    const url = await getSignedUrl(this.#client, command, {
      expiresIn: r.expiresInSeconds,
      signingDate,
      signableHeaders: new Set(["content-type", "content-length"]),
    });
    return {
      url,
      method: "PUT",
      headers: { "content-type": r.contentType },
      expiresAt: new Date(signingDate.getTime() + r.expiresInSeconds * 1000),
    };
  }

  async signDownload(key: string, options: { expiresInSeconds: number }): Promise<string> {
    const command = new GetObjectCommand({ Bucket: this.#bucket, Key: checkKey(key) });
    return getSignedUrl(this.#client, command, {
      expiresIn: checkDownloadSeconds(options.expiresInSeconds),
      signingDate: this.#now(),
    });
  }

  close(): void {
    this.#client.destroy();
  }
}

function notFound(error: unknown): null {
  if (
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === "NoSuchKey")
  )
    return null;
  throw error;
}
