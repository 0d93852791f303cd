import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv.ts";

describe("CSV", () => {
  it("quotes commas, quotes and line breaks; leaves plain text and numbers alone", () => {
    expect(csvField("Driver 1")).toBe("Driver 1");
    expect(csvField('Anna "Speedy" Berg')).toBe('"Anna ""Speedy"" Berg"');
    expect(csvField("Berg, Anna")).toBe('"Berg, Anna"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(1250)).toBe("1250");
    expect(csvField(null)).toBe("");
  });

  it("keeps a spreadsheet from running a name as a formula", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField("@x,y")).toBe(`"'@x,y"`);
  });

  it("writes a header and rows ending in CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x", 1],
          ["y,z", 2],
        ],
      ),
    ).toBe('a,b\r\nx,1\r\n"y,z",2\r\n');
  });
});
