import { describe, expect, it } from "vitest";
import { deliveryTarget } from "./delivery-target.ts";

const typed = { line1: " Oranienstraße 25 ", city: "Berlin", postalCode: "", notes: "", lat: "", lng: "" };

describe("deliveryTarget", () => {
  it("asks for the street and city first, next to the street", () => {
    expect(deliveryTarget(undefined, { ...typed, city: " " }, { lat: 52.5, lng: 13.4 })).toEqual({
      problem: { about: "street", message: "address.streetAndCity" },
    });
  });

  it("asks for a pin when there is none, and says the server's sentence for a point off the globe", () => {
    expect(deliveryTarget(undefined, typed, null)).toMatchObject({ problem: { about: "pin" } });
    expect(deliveryTarget(undefined, typed, { lat: 95, lng: 13.4 })).toEqual({
      problem: { about: "pin", message: "address.latitudeRange" },
    });
    expect(deliveryTarget(undefined, typed, { lat: 52.5, lng: 181 })).toEqual({
      problem: { about: "pin", message: "address.longitudeRange" },
    });
  });

  it("gives the typed address, trimmed, at the pin", () => {
    expect(deliveryTarget(undefined, typed, { lat: 52.5007, lng: 13.4229 })).toEqual({
      location: { lat: 52.5007, lng: 13.4229 },
      address: { line1: "Oranienstraße 25", city: "Berlin", postalCode: null, notes: null },
    });
  });
});
