// The shape docs/architecture.md promises a newcomer, checked so it cannot drift: no source file over
// ~400 lines and no server function over ~80 (data, migrations, generated code and tests aside). A file
// that grows past the limit is a sign a use case wants its own file.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const MAX_FILE_LINES = 420;
const MAX_SERVER_FUNCTION_LINES = 85;
const MAX_COMPONENT_LINES = 200;

/** Not hand-written product code, or data (message catalogs included): exempt from the limits. */
const EXEMPT =
  /\.test\.tsx?$|\/e2e\/|\/testing\/|testing\.ts$|\.contract\.ts$|\/migrations\/|\/generated\/|-data\.ts$|\/bench\/|\/scripts\/|test-support\.ts$|test-builders\.ts$|stand-in\.ts$|\/i18n\/[a-z]{2}\.ts$/;

function sourceFiles(): string[] {
  return execFileSync("git", ["ls-files", "*.ts", "*.tsx"], { cwd: repo })
    .toString()
    .trim()
    .split("\n")
    .filter((f) => /^(packages|apps)\//.test(f) && !EXEMPT.test(f));
}

function longFunctions(file: string, text: string, limit: number): string[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n) && "body" in n && n.body) {
      const from = sf.getLineAndCharacterOfPosition(n.getStart()).line;
      const to = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
      if (to - from + 1 > limit) found.push(`${file}:${from + 1} (${to - from + 1} lines)`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe("code shape", () => {
  const files = sourceFiles().map((f) => ({ f, text: readFileSync(join(repo, f), "utf8") }));

  it("finds the source files (the check would pass vacuously otherwise)", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it(`has no source file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map(({ f, text }) => ({ f, lines: text.split("\n").length }))
      .filter((x) => x.lines > MAX_FILE_LINES)
      .map((x) => `${x.f} (${x.lines} lines)`);
    expect(long).toEqual([]);
  });

  it(`has no server or shared function over ${MAX_SERVER_FUNCTION_LINES} lines`, () => {
    const server = files.filter(
      ({ f }) => /^packages\/(api|contracts|db|dispatch)\//.test(f) && !f.endsWith("seed.ts"),
    );
    expect(server.flatMap(({ f, text }) => longFunctions(f, text, MAX_SERVER_FUNCTION_LINES))).toEqual([]);
  });

  it(`has no screen component over ${MAX_COMPONENT_LINES} lines`, () => {
    const screens = files.filter(({ f }) => /^(apps\/|packages\/ui\/)/.test(f));
    expect(screens.flatMap(({ f, text }) => longFunctions(f, text, MAX_COMPONENT_LINES))).toEqual([]);
  });
});
