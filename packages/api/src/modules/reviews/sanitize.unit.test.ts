import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeReviewText } from "./sanitize.ts";

describe("review text sanitizing", () => {
  it.each([
    ["<script>alert(1)</script>Tasty", "Tasty"],
    ["<STYLE>body{}</STYLE>ok", "ok"],
    ['<img src=x onerror="alert(1)">Nice', "Nice"],
    ["<b>bold</b> and <i>italic</i>", "bold and italic"],
    ['<a href="javascript:alert(1)">click', "click"],
    ["unclosed <script src=//evil", "unclosed script src=//evil"],
    ["<!-- hidden --> visible", "visible"],
    ["I <3 pizza & 2 > 1", "I <3 pizza & 2 > 1"],
    ["&lt;b&gt; stays as typed", "&lt;b&gt; stays as typed"],
    ["bell\u0007 null\u0000 rtl\u202Eoverride zw\u200Bsp", "bell null rtloverride zwsp"],
    ["family 👨\u200D👩\u200D👧 emoji", "family 👨\u200D👩\u200D👧 emoji"],
    ["  lots   of\t\tspace  ", "lots of space"],
    ["line\r\none\n\n\n\n\nline two", "line\none\n\nline two"],
    ["<p></p>  ", null],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(sanitizeReviewText(input)).toBe(expected);
  });

  it("never lets a tag through, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "\u0000",
            "\u200B",
            "<",
            ">",
            "/",
            "a",
            "s",
            "c",
            "r",
            "i",
            "p",
            "t",
            " ",
            "=",
            '"',
            "!",
            "-",
          ),
          maxLength: 60,
        }),
        (s) => {
          const out = sanitizeReviewText(s) ?? "";
          expect(out).not.toMatch(/<[a-zA-Z/!?]/);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const once = sanitizeReviewText(s);
        expect(sanitizeReviewText(once)).toBe(once);
      }),
    );
  });
});
