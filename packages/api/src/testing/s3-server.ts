// A local S3-compatible server for tests (s3rver on a free port, its data in a temporary directory that
// is removed on close), with one bucket, and the settings an S3BlobStore needs to reach it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "../infra/blob-store-s3.ts";

const BROWSER_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface TestS3Server {
  settings: S3Settings;
  close(): Promise<void>;
}

/**
 * `browsers`: let pages of any origin PUT and GET with presigned links (a bucket's CORS rule, as an
 * operator sets one for the apps' origin), for tests in Chromium.
 */
export async function startTestS3Server(
  bucket = "test-blobs",
  options: { browsers?: boolean } = {},
): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: options.browsers ? [BROWSER_CORS] : [] }],
  });
  const { port } = await server.run();
  return {
    // s3rver's built-in account.
    settings: {
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      bucket,
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
