import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { type GeocoderStandIn, startGeocoderStandIn } from "../../testing/geocoder-stand-in.ts";
import { describeGeocoderContract, STORES } from "./geocoder.contract.ts";
import { PhotonGeocoder } from "./photon-geocoder.ts";

const silent = pino({ level: "silent" });

describeGeocoderContract("Photon (HTTP, against the local stand-in)", async () => {
  const standIn = await startGeocoderStandIn();
  return {
    geocoder: new PhotonGeocoder({ baseUrl: standIn.url, userAgent: "pizza-test", log: silent }),
    close: () => standIn.close(),
  };
});

describe("the Photon adapter", () => {
  let standIn: GeocoderStandIn;
  let logged: string;
  let geocoder: PhotonGeocoder;

  beforeAll(async () => {
    standIn = await startGeocoderStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });
  beforeEach(() => {
    standIn.requests.length = 0;
    standIn.fault = undefined;
    logged = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    geocoder = new PhotonGeocoder({
      // A provider's key in the URL must reach the server and never the log.
      baseUrl: `${standIn.url}/?key=secret-provider-key`,
      userAgent: "pizza-platform/test (ops@example.test)",
      log: pino({ level: "info" }, sink),
      timeoutMs: 300,
    });
  });

  it("asks /api with the query, the bias point, the limit and the language, keeping the URL's key", async () => {
    await geocoder.search("Oranienstraße 25", { locale: "de-DE", limit: 4, near: STORES.kreuzberg });
    expect(standIn.requests).toEqual([
      {
        path: "/photon/api",
        params: {
          key: "secret-provider-key",
          q: "Oranienstraße 25",
          limit: "4",
          lang: "de",
          lat: "52.50030",
          lon: "13.41890",
        },
        userAgent: "pizza-platform/test (ops@example.test)",
      },
    ]);
  });

  it("asks /reverse within the reverse radius, and local names for a language the server lacks", async () => {
    await geocoder.reverse(STORES.shibuya, "ja");
    expect(standIn.requests[0]).toMatchObject({
      path: "/photon/reverse",
      params: { lat: "35.659100", lon: "139.698200", radius: "1", limit: "1", lang: "default" },
    });
  });

  for (const fault of ["500", "hang", "garbage"] as const) {
    it(`answers 503 with a sentence when the geocoder ${fault === "hang" ? "is too slow" : `answers ${fault}`}, and logs no key or address`, async () => {
      standIn.fault = fault;
      const error = await geocoder
        .search("Oranienstraße 25", { locale: "de", limit: 5 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("SERVICE_UNAVAILABLE");
      expect((error as AppError).message).toMatch(/Address search is not available right now/);
      expect(logged).toMatch(/geocoder did not answer/);
      expect(logged).not.toMatch(/secret-provider-key|Oranien/);
    });
  }

  it("answers 503 when nothing listens at GEOCODER_URL", async () => {
    const gone = await startGeocoderStandIn();
    await gone.close();
    const down = new PhotonGeocoder({ baseUrl: gone.url, userAgent: "t", log: silent, timeoutMs: 300 });
    await expect(down.reverse(STORES.midtown, "en")).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });
});
