// The catalogs are complete and well-formed, and no screen shows English the catalogs do not carry:
// every key of en is in de and ja (and no other key), every message parses as ICU MessageFormat with
// the same arguments in every language, and no JSX text or user-facing attribute in src/ is a literal
// word (it must come from `t(...)`).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { de } from "./de.ts";
import { en } from "./en.ts";
import { ja } from "./ja.ts";

const catalogs = { de, ja } as Record<string, Record<string, string>>;

/** The argument names a message uses ({name}, {count, plural, …}), sorted. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (
      el.type === TYPE.argument ||
      el.type === TYPE.number ||
      el.type === TYPE.date ||
      el.type === TYPE.time
    )
      into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}
const args = (message: string) => [...argumentsOf(parse(message))].sort();

describe("the message catalogs", () => {
  const keys = Object.keys(en).sort();

  it.each(Object.keys(catalogs))("%s has exactly the keys of en", (locale) => {
    const have = Object.keys(catalogs[locale]!).sort();
    expect(
      keys.filter((k) => !have.includes(k)),
      `keys missing in ${locale}`,
    ).toEqual([]);
    expect(
      have.filter((k) => !keys.includes(k)),
      `keys in ${locale} that en does not have`,
    ).toEqual([]);
  });

  it.each(["en", ...Object.keys(catalogs)])("every %s message parses and uses en's arguments", (locale) => {
    const catalog = locale === "en" ? (en as Record<string, string>) : catalogs[locale]!;
    for (const key of keys) {
      const message = catalog[key];
      if (message === undefined) continue;
      expect(() => parse(message), `${locale} ${key}`).not.toThrow();
      expect(args(message), `${locale} ${key} arguments`).toEqual(args((en as Record<string, string>)[key]!));
      expect(message.trim().length, `${locale} ${key} is empty`).toBeGreaterThan(0);
    }
  });
});

// ── no untranslated words on the screens ────────────────────────────────────────────────────────

const SRC = fileURLToPath(new URL("..", import.meta.url));
/** Attributes people read or hear. */
const SPOKEN = new Set(["aria-label", "label", "placeholder", "title", "alt", "legend", "backLabel"]);
/** Words that are the same in every language (the brand, units). */
const SAME_EVERYWHERE = new Set(["Pronto Pizza"]);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith(".tsx") ? [join(dir, e.name)] : [],
  );
}

/** "file:line: text" for each JSX text or spoken attribute with a letter in it. */
export function untranslated(file: string, source = readFileSync(file, "utf8")): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const t = text.replace(/\s+/g, " ").trim();
    if (/\p{L}/u.test(t) && !SAME_EVERYWHERE.has(t))
      found.push(
        `${file.slice(SRC.length)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${t}`,
      );
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxAttribute(node) && SPOKEN.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(node, init.text);
      if (ts.isJsxExpression(init) && init.expression) {
        const e = init.expression;
        if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) report(node, e.text);
        if (ts.isTemplateExpression(e))
          report(node, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(" "));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("the screens", () => {
  it("finds a literal word (so the check below can fail)", () => {
    expect(untranslated(`${SRC}x.tsx`, `const a = <p aria-label="Close">Hello {name}</p>;`)).toHaveLength(2);
    expect(untranslated(`${SRC}x.tsx`, `const a = <p aria-label={t("x")}>{t("y")} · 3</p>;`)).toEqual([]);
  });

  it("show no JSX text or spoken attribute that is not from the catalog", () => {
    expect(tsxFiles(SRC).flatMap((f) => untranslated(f))).toEqual([]);
  });
});
