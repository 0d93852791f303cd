// The part of `http_ece` (RFC 8188) the tests use; the package ships no types.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";
  export function decrypt(
    buffer: Buffer,
    params: { version: "aes128gcm" | "aesgcm"; privateKey: ECDH; authSecret: string },
  ): Buffer;
}
