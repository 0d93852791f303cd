import { haversineM, type LatLng } from "@pizza/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Geocoder, Place } from "./geocoder.ts";

/** The seeded stores (packages/db/src/seed-data.ts): searches are biased towards them, as the app does. */
export const STORES = {
  midtown: { lat: 40.757, lng: -73.9877 },
  williamsburg: { lat: 40.7184, lng: -73.9574 },
  mitte: { lat: 52.5267, lng: 13.4017 },
  kreuzberg: { lat: 52.5003, lng: 13.4189 },
  shibuya: { lat: 35.6591, lng: 139.6982 },
  shinjuku: { lat: 35.6905, lng: 139.7005 },
} satisfies Record<string, LatLng>;

const within = (place: Place | undefined | null, point: LatLng, metres: number) => {
  expect(place, "a place was found").toBeTruthy();
  expect(haversineM(place!, point)).toBeLessThan(metres);
};

/** One behaviour, two adapters: the embedded gazetteer and Photon (over HTTP, against the local stand-in). */
export function describeGeocoderContract(
  name: string,
  setup: () => Promise<{ geocoder: Geocoder; close(): Promise<void> }>,
) {
  describe(`Geocoder contract: ${name}`, () => {
    let geocoder: Geocoder;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ geocoder, close } = await setup());
    });
    afterAll(async () => {
      await close?.();
    });
    const search = (query: string, locale: string, near?: LatLng, limit = 5) =>
      geocoder.search(query, { locale, limit, ...(near ? { near } : {}) });

    it("finds a landmark by its local name and autocompletes a prefix", async () => {
      const [alex] = await search("Alexanderplatz", "de", STORES.mitte);
      expect(alex?.kind).toBe("landmark");
      expect(alex?.label).toContain("Alexanderplatz");
      within(alex, { lat: 52.5219, lng: 13.4132 }, 150);
      const typing = await search("alexanderpl", "de", STORES.mitte);
      expect(typing.map((p) => p.name)).toContain("Alexanderplatz");
    });

    it("finds an address, the house number placed along its street, whatever the case, accents or abbreviation", async () => {
      const [exact] = await search("Oranienstraße 25", "de", STORES.kreuzberg);
      expect(exact).toMatchObject({
        kind: "address",
        street: "Oranienstraße",
        houseNumber: "25",
        countryCode: "DE",
      });
      expect(exact?.label).toContain("Oranienstraße 25");
      within(exact, STORES.kreuzberg, 1_500);
      for (const typed of ["oranienstrasse 25", "ORANIENSTR. 25", "Oranienstr 25, Berlin"]) {
        const [same] = await search(typed, "de", STORES.kreuzberg);
        expect(same?.houseNumber, typed).toBe("25");
        within(same, exact!, 1);
      }
      const [far] = await search("Oranienstraße 90", "de", STORES.kreuzberg);
      expect(haversineM(far!, exact!)).toBeGreaterThan(300);
    });

    it("writes a US address number first, and finds it by the street's other spellings", async () => {
      const [esb] = await search("350 5th Ave", "en", STORES.midtown);
      expect(esb).toMatchObject({
        kind: "address",
        street: "Fifth Avenue",
        houseNumber: "350",
        countryCode: "US",
      });
      expect(esb?.label.startsWith("350 Fifth Avenue")).toBe(true);
      within(esb, { lat: 40.7484, lng: -73.9857 }, 200);
    });

    it("suggests the street itself when the house number is missing", async () => {
      const [tor] = await search("Torstrasse", "de", STORES.mitte);
      expect(tor).toMatchObject({ kind: "street", street: "Torstraße" });
      expect(tor?.houseNumber).toBeUndefined();
      within(tor, STORES.mitte, 2_000);
    });

    it("names Tokyo's places in Japanese for Japanese readers and in English too for others", async () => {
      const [ja] = await search("渋谷駅", "ja", STORES.shibuya);
      expect(ja?.kind).toBe("landmark");
      expect(ja?.label).toContain("渋谷駅");
      within(ja, { lat: 35.658, lng: 139.7016 }, 150);
      const [en] = await search("Shibuya Station", "en", STORES.shibuya);
      expect(en?.label).toContain("Shibuya Station");
      within(en, ja!, 10);
    });

    it("prefers places near the given point and keeps to the limit", async () => {
      const near = await search("Bedford", "en", STORES.williamsburg);
      within(near[0], STORES.williamsburg, 1_000);
      expect(await search("Street", "en", STORES.midtown, 3)).toHaveLength(3);
      expect(await search("Zzyzx Road", "en", STORES.midtown)).toEqual([]);
    });

    it("reverse: the nearest address or landmark to a pin, with its distance; nothing far from everything", async () => {
      const here = await geocoder.reverse(STORES.midtown, "en");
      expect(here?.distanceM).toBeLessThan(100);
      expect(here?.label).toMatch(/\w/);
      expect(here?.countryCode).toBe("US");
      within(here, STORES.midtown, 100);
      const tokyo = await geocoder.reverse(STORES.shibuya, "ja");
      expect(tokyo?.label).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(await geocoder.reverse({ lat: 30, lng: -40 }, "en")).toBeNull();
    });
  });
}
