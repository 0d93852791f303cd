import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GeocoderStandIn, startGeocoderStandIn } from "../../testing/geocoder-stand-in.ts";
import { createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";
import { GEO_LIMITS } from "./geo-limits.ts";
import { STORES } from "./geocoder.contract.ts";

const embedded = { db: "pglite" as const, redis: false };

/** A tRPC query over HTTP (GET with the input as JSON), as the apps send it. */
async function query(url: string, path: string, input: unknown, ip?: string) {
  const res = await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: ip ? { "x-forwarded-for": ip } : {},
  });
  return { res, body: (await res.json()) as { error?: { message: string }; result?: { data: unknown } } };
}

describe("geo procedures on the embedded gazetteer (public, no sign-in)", () => {
  let t: TestPlatform;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    t = await createTestPlatform(embedded);
    server = await startTestServer(t.platform);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it("suggests places to a guest, and tells what is at a pin", async () => {
    expect(t.platform.services.geo.geocoderKind).toBe("gazetteer");
    const places = await t
      .caller()
      .geo.search({ query: "  Alexanderplatz ", locale: "de", near: STORES.mitte });
    expect(places[0]).toMatchObject({ kind: "landmark", name: "Alexanderplatz" });
    const here = await t.caller().geo.reverse({ ...STORES.kreuzberg, locale: "de" });
    expect(here?.distanceM).toBeLessThan(100);
    expect(await t.caller().geo.reverse({ lat: 30, lng: -40 })).toBeNull();
  });

  it("refuses bad input with a sentence: too short, too long, a latitude or longitude out of range", async () => {
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: TRPCError) => e,
      );
    const short = await refusal(t.caller().geo.search({ query: " a  " }));
    expect(short?.code).toBe("BAD_REQUEST");
    expect(short?.message).toContain("Type at least 2 characters of the address.");
    const long = await refusal(t.caller().geo.search({ query: "x".repeat(121) }));
    expect(long?.message).toContain("The address is too long (120 characters at most).");
    const lng = await refusal(t.caller().geo.reverse({ lat: 0, lng: -181 }));
    expect(lng?.message).toContain("Longitude must be between -180 and 180.");

    const { res, body } = await query(server.url, "geo.reverse", { lat: 91, lng: 13.4 });
    expect(res.status).toBe(400);
    expect(body.error?.message).toContain("Latitude must be between -90 and 90.");
    const near = await query(server.url, "geo.search", { query: "Torstraße", near: { lat: -95, lng: 0 } });
    expect(near.res.status).toBe(400);
    expect(near.body.error?.message).toContain("Latitude must be between -90 and 90.");
  });

  it("compares the chosen address with the pin: 1 km apart is a warning with the distance in words, 50 m is fine", async () => {
    const [address] = await t
      .caller()
      .geo.search({ query: "Oranienstraße 25", locale: "de", near: STORES.kreuzberg });
    const north1km = { lat: address!.lat + 1000 / 111_195, lng: address!.lng };
    const far = await t
      .caller()
      .geo.checkPin({ address: address!, label: "Oranienstraße 25", pin: north1km });
    expect(far).toMatchObject({ disagree: true, distanceM: 1000, distanceText: "1.0 km" });
    expect(far.message).toBe("The pin is 1.0 km from Oranienstraße 25.");
    expect(far.atPin?.label).toBeTruthy();
    const inGerman = await t
      .caller()
      .geo.checkPin({ address: address!, label: "x", pin: north1km, locale: "de" });
    expect(inGerman.distanceText).toBe("1,0 km");
    const close = await t.caller().geo.checkPin({
      address: address!,
      label: "Oranienstraße 25",
      pin: { lat: address!.lat + 50 / 111_195, lng: address!.lng },
    });
    expect(close).toMatchObject({
      disagree: false,
      distanceM: 50,
      distanceText: "50 m",
      message: null,
      atPin: null,
    });
  });

  it("names the streets and landmarks inside the map's frame, in the reader's language", async () => {
    const around = (p: { lat: number; lng: number }, d = 0.006) => ({
      west: p.lng - d,
      east: p.lng + d,
      south: p.lat - d,
      north: p.lat + d,
    });
    const kreuzberg = await t.caller().geo.basemap({ ...around(STORES.kreuzberg), locale: "de" });
    expect(kreuzberg.styleUrl).toBeNull();
    expect(kreuzberg.streets.map((s) => s.name)).toContain("Oranienstraße");
    for (const s of kreuzberg.streets) expect(s.line.length).toBeGreaterThan(1);
    const midtown = await t.caller().geo.basemap({ ...around(STORES.midtown), locale: "en" });
    expect(midtown.landmarks.map((l) => l.name)).toContain("Times Square");
    expect(midtown.streets.map((s) => s.name)).not.toContain("Oranienstraße");
    const tokyo = await t.caller().geo.basemap({ ...around(STORES.shibuya, 0.01), locale: "en" });
    const local = await t.caller().geo.basemap({ ...around(STORES.shibuya, 0.01), locale: "ja" });
    expect(tokyo.landmarks.length).toBeGreaterThan(0);
    expect(local.landmarks[0]!.name).not.toBe(tokyo.landmarks[0]!.name);
    const ocean = await t.caller().geo.basemap({ west: -40, east: -39.9, south: 30, north: 30.1 });
    expect(ocean).toEqual({ styleUrl: null, streets: [], landmarks: [] });

    const huge = await query(server.url, "geo.basemap", { west: 13, east: 14, south: 52, north: 53 });
    expect(huge.res.status).toBe(400);
    expect(huge.body.error?.message).toContain("The map area is too large");
    const empty = await query(server.url, "geo.basemap", { west: 13.5, east: 13.4, south: 52, north: 52.1 });
    expect(empty.res.status).toBe(400);
    expect(empty.body.error?.message).toContain("east must be greater than west");
  });

  it(`answers 429 with Retry-After past ${GEO_LIMITS.perIp} lookups a minute from one IP; another IP goes on`, async () => {
    const ip = "127.0.0.1";
    await t.platform.rateLimiter.reset(`geo:ip:${ip}`);
    for (let i = 0; i < GEO_LIMITS.perIp; i++) await t.caller(null, ip).geo.reverse(STORES.midtown);
    const { res, body } = await query(server.url, "geo.search", { query: "Times Square" });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(body.error?.message).toMatch(/Too many address searches from your network/);
    expect(await t.caller(null, "198.51.100.7").geo.search({ query: "Times Square" })).not.toHaveLength(0);
  });
});

describe("geo procedures with GEOCODER_URL set (Photon, against the local stand-in)", () => {
  let t: TestPlatform;
  let standIn: GeocoderStandIn;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    standIn = await startGeocoderStandIn();
    t = await createTestPlatform(embedded, {
      env: { GEOCODER_URL: standIn.url, GEOCODER_USER_AGENT: "pizza-test/1 (ops@example.test)" },
    });
    server = await startTestServer(t.platform);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    await standIn?.close();
  });

  it("asks Photon once per query, locale and rounded point: the repeat comes from the cache", async () => {
    expect(t.platform.services.geo.geocoderKind).toBe("photon");
    const ask = { query: "Torstraße 12", locale: "de", near: STORES.mitte };
    const first = await t.caller().geo.search(ask);
    expect(first[0]).toMatchObject({ kind: "address", street: "Torstraße", houseNumber: "12" });
    const nudged = { ...ask, near: { lat: STORES.mitte.lat + 0.0001, lng: STORES.mitte.lng } };
    expect(await t.caller().geo.search(nudged)).toEqual(first);
    const searches = standIn.requests.filter((r) => r.path === "/photon/api");
    expect(searches).toHaveLength(1);
    expect(searches[0]).toMatchObject({
      params: { q: "Torstraße 12", lang: "de" },
      userAgent: "pizza-test/1 (ops@example.test)",
    });
    await t.caller().geo.search({ ...ask, locale: "en" });
    expect(standIn.requests.filter((r) => r.path === "/photon/api")).toHaveLength(2);
  });

  it("answers 503 with a readable message (never a 500) while the geocoder is down", async () => {
    standIn.fault = "500";
    try {
      const { res, body } = await query(server.url, "geo.search", { query: "Rosenthaler Straße 40" });
      expect(res.status).toBe(503);
      expect(body.error?.message).toMatch(/Address search is not available right now/);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      // The pin check still answers; it only cannot say what is at the pin.
      const check = await t.caller().geo.checkPin({
        address: STORES.mitte,
        label: "Torstraße 12",
        pin: STORES.kreuzberg,
      });
      expect(check).toMatchObject({ disagree: true, atPin: null });
    } finally {
      standIn.fault = undefined;
    }
  });
});

describe("geo.basemap with MAP_STYLE_URL set", () => {
  it("hands the apps the style (its origin allowed by the CSP) and no gazetteer streets", async () => {
    const t = await createTestPlatform(embedded, {
      env: { MAP_STYLE_URL: "https://tiles.example.test/styles/streets/style.json" },
    });
    try {
      const map = await t.caller().geo.basemap({ west: 13.4, east: 13.42, south: 52.49, north: 52.51 });
      expect(map).toEqual({
        styleUrl: "https://tiles.example.test/styles/streets/style.json",
        streets: [],
        landmarks: [],
      });
      expect(t.platform.config.http.cspConnectSrc).toContain("https://tiles.example.test");
    } finally {
      await t.close();
    }
  });
});
