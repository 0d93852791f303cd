import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { checkDatabaseTypes, GENERATED_TYPES_FILE } from "./database-types.ts";

// The types CI trusts are read from a migrated database; these prove the check sees drift both ways:
// a column the database has and the file lacks, and a file edited by hand.

const SCRIPT = fileURLToPath(new URL("../../scripts/db-types.ts", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "db-types-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("generated database types", () => {
  it("match the migrations as committed", async () => {
    const check = await checkDatabaseTypes();
    expect(check.diff).toBe("");
    expect(check.upToDate).toBe(true);
  });

  it("report a column that a migration adds and the file lacks", async () => {
    const check = await checkDatabaseTypes(GENERATED_TYPES_FILE, {
      afterMigrate: async (db) => {
        await sql`alter table orders add column courier_note text`.execute(db);
      },
    });
    expect(check.upToDate).toBe(false);
    expect(check.diff).toMatch(/^\+\s+courier_note: string \| null;$/m);
  });

  it("fail the check script, with the hint, on a hand-edited copy", () => {
    const edited = join(scratch, "database.ts");
    const committed = readFileSync(GENERATED_TYPES_FILE, "utf8");
    const withoutColumn = committed.replace(/^\s+request_hash: string \| null;\n/m, "");
    expect(withoutColumn).not.toBe(committed);
    writeFileSync(edited, withoutColumn);

    const run = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, "--check", "--against", edited], {
      encoding: "utf8",
      env: process.env,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^\+\s+request_hash: string \| null;$/m);
    expect(run.stderr).toContain("run npm run db:types and commit");
  });
});
