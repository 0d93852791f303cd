// The server's catalogs stay complete and in step: every key the server code names exists in en, de and
// ja; no catalog holds a key nobody uses (or one the others lack); each translation has exactly the
// English placeholders (names and kinds: a `{minutes, plural}` stays a plural) and parses as ICU.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "./translate.ts";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..");
const KEY = /\b(?:msg|messageKey)\(\s*"([^"]+)"/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "messages" ? [] : sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(KEY)) used.set(m[1]!, file.slice(SRC.length + 1));
  }
  return used;
}

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };
const KINDS: Record<number, string> = {
  1: "argument",
  2: "number",
  3: "date",
  4: "time",
  5: "select",
  6: "plural",
};

/** "name:kind" of every placeholder, nested ones (inside plural/select branches) included. */
function placeholders(template: string, locale: string): string[] {
  const out = new Set<string>();
  const visit = (elements: Element[]) => {
    for (const e of elements) {
      if (KINDS[e.type] && e.value) out.add(`${e.value}:${KINDS[e.type]}`);
      for (const option of Object.values(e.options ?? {})) visit(option.value);
    }
  };
  visit(new IntlMessageFormat(template, locale).getAst() as Element[]);
  return [...out].sort();
}

describe("the server's message catalogs", () => {
  const languages = Object.keys(CATALOGS) as (keyof typeof CATALOGS)[];
  const english = Object.keys(CATALOGS.en).sort();

  it("have every key the server uses, in every language", () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50);
    for (const language of languages) {
      const missing = [...used]
        .filter(([key]) => !(key in CATALOGS[language]))
        .map(([k, f]) => `${k} (${f})`);
      expect(missing, `keys missing from ${language}.ts`).toEqual([]);
    }
  });

  it("hold no key the server does not use and the same keys in every language", () => {
    const used = usedKeys();
    expect(
      english.filter((key) => !used.has(key)),
      "keys no server file uses",
    ).toEqual([]);
    for (const language of languages)
      expect(Object.keys(CATALOGS[language]).sort(), `keys of ${language}.ts`).toEqual(english);
  });

  it("give each translation exactly the English placeholders", () => {
    for (const key of english) {
      const expected = placeholders(CATALOGS.en[key as keyof typeof CATALOGS.en], "en");
      for (const language of languages) {
        const template = CATALOGS[language][key as keyof typeof CATALOGS.en];
        expect(template.trim(), `${language} ${key} is empty`).not.toBe("");
        expect(placeholders(template, language), `${language} ${key}`).toEqual(expected);
      }
    }
  });
});
