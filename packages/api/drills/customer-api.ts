// A customer account of a drill or a benchmark, with the tRPC client the customer app would hold: a fresh
// user row (no password login: the token is signed with the platform's JWT secret) and its bearer token.
import { randomUUID } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AccessTokens } from "../src/modules/auth/tokens.ts";
import type { AppRouter } from "../src/root.ts";

export type CustomerApi = ReturnType<typeof createTRPCClient<AppRouter>>;

export async function aCustomerApi(opts: {
  db: Kysely<Database>;
  tokens: AccessTokens;
  url: string;
  name: string;
  /** The fetch the client sends with (counting, or on an agent of the caller's). */
  fetch?: typeof fetch;
}): Promise<{ id: string; api: CustomerApi; token: string }> {
  const row = await opts.db
    .insertInto("users")
    .values({
      email: `drill-${randomUUID()}@example.com`,
      password_hash: "drill-only",
      name: opts.name,
      role: "customer",
      locale: "en",
      updated_at: new Date(),
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  const token = await opts.tokens.sign({ id: row.id, role: "customer", storeId: null, name: row.name });
  const api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${opts.url}/trpc`,
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        headers: { authorization: `Bearer ${token}` },
      }),
    ],
  });
  return { id: row.id, api, token };
}
