// The part of `s3rver` (a local S3-compatible server) the tests use; the package ships no types.
declare module "s3rver" {
  import type { AddressInfo } from "node:net";
  export default class S3rver {
    constructor(options: {
      address?: string;
      port?: number;
      silent?: boolean;
      directory: string;
      resetOnClose?: boolean;
      /** `configs`: bucket configuration documents (CORSConfiguration, WebsiteConfiguration XML). */
      configureBuckets?: { name: string; configs?: string[] }[];
    });
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
