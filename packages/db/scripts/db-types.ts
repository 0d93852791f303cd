import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import {
  checkDatabaseTypes,
  GENERATED_TYPES_FILE,
  generateDatabaseTypes,
} from "../src/codegen/database-types.ts";

// `npm run db:types`: rewrites packages/db/src/generated/database.ts from the migrations.
// `npm run db:types:check [-- --against FILE]`: exits 1 with a diff when the committed file (or FILE) is stale.
// Both create and drop their own database on the server of TEST_DATABASE_URL (default: the local `test`).

const args = process.argv.slice(2);
const against = args.includes("--against") ? args[args.indexOf("--against") + 1] : undefined;
const shown = (file: string) =>
  relative(process.cwd(), file).startsWith("..") ? file : relative(process.cwd(), file);

try {
  if (args.includes("--check")) {
    const file = against ?? GENERATED_TYPES_FILE;
    const { upToDate, diff } = await checkDatabaseTypes(file);
    if (!upToDate) {
      console.error(`${shown(file)} does not match the migrations:\n${diff}`);
      console.error("The database types are stale: run npm run db:types and commit the result.");
      process.exit(1);
    }
    console.log(`${shown(file)} matches the migrations.`);
  } else {
    mkdirSync(dirname(GENERATED_TYPES_FILE), { recursive: true });
    writeFileSync(GENERATED_TYPES_FILE, await generateDatabaseTypes());
    console.log(`wrote ${shown(GENERATED_TYPES_FILE)}`);
  }
} catch (error) {
  console.error(`db:types failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
