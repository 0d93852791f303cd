import { describe, expect, it } from "vitest";
import { parseMultiHostUrl } from "./multi-host.ts";

describe("a multi-host DATABASE_URL", () => {
  it("lists its hosts in order and gives a one-host URL for each, without target_session_attrs", () => {
    const url = parseMultiHostUrl(
      "postgres://app:s3cret@10.0.0.1:5432,10.0.0.2,[::1]:6432/pizza?target_session_attrs=read-write&sslmode=require",
    )!;
    expect(url.hosts).toEqual([
      { host: "10.0.0.1", port: 5432 },
      { host: "10.0.0.2", port: 5432 },
      { host: "::1", port: 6432 },
    ]);
    expect(url.targetSessionAttrs).toBe("read-write");
    expect(url.urlFor(url.hosts[2]!)).toBe("postgres://app:s3cret@[::1]:6432/pizza?sslmode=require");
  });

  it("is not one with a single host, and refuses session attributes it cannot honour", () => {
    expect(parseMultiHostUrl("postgres://postgres@127.0.0.1:5432/test")).toBeUndefined();
    expect(parseMultiHostUrl("postgres://h1,h2/db")!.targetSessionAttrs).toBe("any");
    expect(() => parseMultiHostUrl("postgres://h1,h2/db?target_session_attrs=standby")).toThrow(
      /target_session_attrs=standby is not supported/,
    );
  });
});
