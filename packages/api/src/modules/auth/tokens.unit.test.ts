import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_TTL_S, AccessTokens } from "./tokens.ts";

const user = {
  id: "5f0c8a52-3b8e-4c2b-9a0e-2f4f3b1d7c11",
  role: "customer" as const,
  storeId: null,
  name: "Ada",
};

describe("access tokens", () => {
  it("accepts a token again and again until it expires, then never again", async () => {
    let now = Date.now();
    const tokens = new AccessTokens("a-secret-of-enough-length-for-hs256", () => now);
    const token = await tokens.sign(user);
    expect(await tokens.verify(token)).toEqual(user);
    now += (ACCESS_TOKEN_TTL_S - 1) * 1000;
    expect(await tokens.verify(token)).toEqual(user);
    now += 2000;
    expect(await tokens.verify(token)).toBeUndefined();
  });

  it("refuses a tampered copy of a token it has already accepted, and one signed with another secret", async () => {
    const tokens = new AccessTokens("a-secret-of-enough-length-for-hs256");
    const token = await tokens.sign(user);
    expect(await tokens.verify(token)).toEqual(user);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: "admin" })).toString("base64url");
    expect(await tokens.verify(`${header}.${forged}.${signature}`)).toBeUndefined();
    const other = await new AccessTokens("another-secret-of-enough-length-xx").sign(user);
    expect(await tokens.verify(other)).toBeUndefined();
  });

  it("hands each caller its own copy of the user", async () => {
    const tokens = new AccessTokens("a-secret-of-enough-length-for-hs256");
    const token = await tokens.sign(user);
    const first = (await tokens.verify(token))!;
    first.name = "changed by a caller";
    expect((await tokens.verify(token))!.name).toBe("Ada");
  });
});
