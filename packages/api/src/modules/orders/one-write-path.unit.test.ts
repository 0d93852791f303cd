// The orders' one write path, held by the source itself: outside order-writes.ts no production file
// moves an order's status or writes its history on its own (test support and tests may build fixtures).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "..");

function productionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "testing" ? [] : productionFiles(path);
    return name.endsWith(".ts") && !/\.test(-support)?\.ts$/.test(name) && name !== "testing.ts"
      ? [path]
      : [];
  });
}

/** Each `.insertInto("order_status_history")` / status-setting `updateTable("orders")` with the text that follows it. */
function writes(source: string, start: RegExp): string[] {
  return [...source.matchAll(start)].map((m) => source.slice(m.index, m.index + 400));
}

describe("an order's state has one write path (order-writes.ts)", () => {
  const files = productionFiles(SRC).map((path) => ({
    path: relative(SRC, path),
    source: readFileSync(path, "utf8"),
  }));

  it("finds the source it checks", () => {
    expect(files.some((f) => f.path.endsWith("order-writes.ts"))).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });

  it("writes history rows only there, or with its historyRow in place()'s statement", () => {
    const offenders = files.flatMap(({ path, source }) =>
      path.endsWith("order-writes.ts")
        ? []
        : writes(source, /\.insertInto\("order_status_history"\)/g)
            .filter((w) => !/^\.insertInto\("order_status_history"\)\s*\.values\(\s*historyRow\(/.test(w))
            .map(() => path),
    );
    expect(offenders).toEqual([]);
  });

  it("sets an order's status only there", () => {
    const offenders = files.flatMap(({ path, source }) =>
      path.endsWith("order-writes.ts")
        ? []
        : writes(source, /\.updateTable\("orders"\)/g)
            .filter((w) => /^\.updateTable\("orders"\)\s*\.set\(\{[^}]*\bstatus\s*:/.test(w))
            .map(() => path),
    );
    expect(offenders).toEqual([]);
  });
});
