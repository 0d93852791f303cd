import { describe, expect, it } from "vitest";
import { GazetteerGeocoder } from "./gazetteer-geocoder.ts";
import { describeGeocoderContract, STORES } from "./geocoder.contract.ts";

describeGeocoderContract("embedded gazetteer", async () => ({
  geocoder: new GazetteerGeocoder(),
  close: async () => {},
}));

describe("the embedded gazetteer", () => {
  const geocoder = new GazetteerGeocoder();

  it("forgives one typo in a longer word and reads ü as ue", async () => {
    const [typo] = await geocoder.search("Alexanderplaz", { locale: "de", limit: 1 });
    expect(typo?.name).toBe("Alexanderplatz");
    const [ue] = await geocoder.search("Goerlitzer Park", { locale: "de", limit: 1 });
    expect(ue?.name).toBe("Görlitzer Park");
  });

  it("numbers a horseshoe street back along the other side", async () => {
    const [one] = await geocoder.search("Oranienstraße 1", { locale: "de", limit: 1 });
    const [last] = await geocoder.search("Oranienstraße 207", { locale: "de", limit: 1 });
    expect(one?.houseNumber).toBe("1");
    expect(last?.houseNumber).toBe("207");
    expect(Math.abs(one!.lat - last!.lat) + Math.abs(one!.lng - last!.lng)).toBeLessThan(0.0005);
  });

  it("gives the country and city in the reader's language", async () => {
    const [de] = await geocoder.search("Shibuya Station", { locale: "de", limit: 1, near: STORES.shibuya });
    expect(de).toMatchObject({ city: "Tokio", country: "Japan" });
    const [ja] = await geocoder.search("Times Square", { locale: "ja", limit: 1 });
    expect(ja).toMatchObject({ city: "ニューヨーク", country: "アメリカ合衆国" });
  });
});
