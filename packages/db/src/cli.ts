import { connect } from "./connect.ts";
import { migrateToLatest } from "./migrate.ts";
import { seed } from "./seed.ts";

// `npm run db:migrate` / `npm run db:seed`: against DATABASE_URL, or the embedded .data/pglite.
const command = process.argv[2];
const handle = connect({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.PGLITE_DIR });
try {
  const applied = await migrateToLatest(handle.db);
  console.log(`migrations applied: ${applied.length === 0 ? "none (up to date)" : applied.join(", ")}`);
  if (command === "seed") console.log(JSON.stringify(await seed(handle.db)));
} finally {
  await handle.close();
}
