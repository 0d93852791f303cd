import { describe, expect, it } from "vitest";
import { matchScore, wordScore, words } from "./text-match.ts";

describe("matching typed text with place names", () => {
  it("reads case, accents, ß/ss, ü/ue and common abbreviations alike", () => {
    expect(words("Oranienstraße")).toEqual(words("ORANIENSTRASSE"));
    expect(words("Oranienstr. 25")).toEqual(words("Oranienstraße 25"));
    expect(words("Görlitzer Park")).toEqual(words("Goerlitzer park"));
    expect(words("W 42nd St")).toEqual(words("West 42 Street"));
    expect(words("Café")).toEqual(words("cafe"));
  });

  it("scores exact above prefix above one typo, and numbers only when whole", () => {
    expect(wordScore("alexanderplatz", "alexanderplatz")).toBe(3);
    expect(wordScore("alexan", "alexanderplatz")).toBe(2);
    expect(wordScore("alexanderplaz", "alexanderplatz")).toBe(1);
    expect(wordScore("alx", "alexanderplatz")).toBe(0);
    expect(wordScore("1", "10999")).toBe(0);
    expect(wordScore("10999", "10999")).toBe(3);
    expect(wordScore("渋谷", "渋谷駅")).toBe(2);
  });

  it("needs every typed word to match some word of the place", () => {
    const place = words("Alte Schönhauser Straße Mitte Berlin");
    expect(matchScore(words("schonhauser berlin"), place)).toBeGreaterThan(0);
    expect(matchScore(words("schonhauser hamburg"), place)).toBe(0);
  });
});
