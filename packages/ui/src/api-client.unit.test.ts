import { isTRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { createApiClient } from "./api-client.ts";
import { type Session, SessionStore } from "./session.ts";

const user = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "ada@example.com",
  phone: null,
  name: "Ada",
  role: "customer" as const,
  storeId: null,
  emailVerified: false,
  phoneVerified: false,
};

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

/**
 * Speaks just enough of tRPC's HTTP protocol (batched GET/POST, single POST) to play the API: access
 * tokens are valid until `expire()`, refresh tokens rotate, and every request is recorded.
 */
function fakeApi() {
  let access = "access-1";
  let refresh = "refresh-token-number-1";
  let generation = 1;
  let refreshDown = false;
  const calls: { path: string; auth: string | null }[] = [];

  const error = (code: string, httpStatus: number, message: string) => ({
    status: httpStatus,
    body: { error: { message, code: -32001, data: { code, httpStatus } } },
  });
  const ok = (data: unknown) => ({ status: 200, body: { result: { data } } });

  function handle(path: string, auth: string | null, input: unknown) {
    calls.push({ path, auth });
    switch (path) {
      case "user.profile":
        return auth === `Bearer ${access}`
          ? ok({ ...user })
          : error("UNAUTHORIZED", 401, "Please sign in to continue.");
      case "auth.login":
        return error("UNAUTHORIZED", 401, "Wrong email or password.");
      case "auth.refresh": {
        if ((input as { refreshToken?: string }).refreshToken !== refresh)
          return error("UNAUTHORIZED", 401, "Your session has ended. Please sign in again.");
        generation += 1;
        access = `access-${generation}`;
        refresh = `refresh-token-number-${generation}`;
        return ok({ accessToken: access, refreshToken: refresh, expiresIn: 900, user });
      }
      default:
        return error("NOT_FOUND", 404, `No procedure ${path}`);
    }
  }

  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url), "http://api.test");
    if (u.pathname === "/trpc/auth.refresh" && refreshDown) throw new TypeError("fetch failed");
    const paths = u.pathname.replace("/trpc/", "").split(",");
    const batch = u.searchParams.get("batch") === "1";
    const auth = new Headers(init?.headers).get("authorization");
    const raw = init?.body ? JSON.parse(String(init.body)) : JSON.parse(u.searchParams.get("input") ?? "{}");
    const results = paths.map((p, i) => handle(p, auth, batch ? raw[i] : raw));
    const status = results.every((r) => r.status === results[0]!.status) ? results[0]!.status : 207;
    return new Response(JSON.stringify(batch ? results.map((r) => r.body) : results[0]!.body), {
      status,
      headers: { "content-type": "application/json" },
    });
  }) as typeof globalThis.fetch;

  return {
    fetch,
    calls,
    /** The current access token stops working (as after its 15 minutes). */
    expire() {
      access = `access-expired-${generation}`;
    },
    revokeRefresh() {
      refresh = "revoked";
    },
    setRefreshDown(down: boolean) {
      refreshDown = down;
    },
  };
}

function setup(
  session: Session | null = { accessToken: "access-1", refreshToken: "refresh-token-number-1", user },
) {
  const api = fakeApi();
  const store = new SessionStore("pizza.test.session", memoryStorage());
  store.set(session);
  const client = createApiClient(store, { url: "http://api.test/trpc", fetch: api.fetch });
  return { api, store, client };
}

describe("the apps' tRPC client", () => {
  it("sends the access token as a Bearer header", async () => {
    const { api, client } = setup();
    await expect(client.user.profile.query()).resolves.toMatchObject({ name: "Ada" });
    expect(api.calls).toEqual([{ path: "user.profile", auth: "Bearer access-1" }]);
  });

  it("refreshes once on a 401, keeps the rotated tokens and retries the request", async () => {
    const { api, store, client } = setup();
    api.expire();
    await expect(client.user.profile.query()).resolves.toMatchObject({ name: "Ada" });
    expect(api.calls.map((c) => c.path)).toEqual(["user.profile", "auth.refresh", "user.profile"]);
    expect(store.get()).toMatchObject({ accessToken: "access-2", refreshToken: "refresh-token-number-2" });
  });

  it("shares one refresh between requests that fail together", async () => {
    const { api, client } = setup();
    api.expire();
    const results = await Promise.all([client.user.profile.query(), client.user.profile.query()]);
    expect(results).toHaveLength(2);
    expect(api.calls.filter((c) => c.path === "auth.refresh")).toHaveLength(1);
  });

  it("signs out when the refresh is refused, and the request fails with its 401", async () => {
    const { api, store, client } = setup();
    api.expire();
    api.revokeRefresh();
    const error = await client.user.profile.query().catch((e: unknown) => e);
    expect(isTRPCClientError(error) && error.data?.code).toBe("UNAUTHORIZED");
    expect(store.get()).toBeNull();
    expect(api.calls.filter((c) => c.path === "auth.refresh")).toHaveLength(1);
  });

  it("keeps the session when the refresh cannot reach the server (offline is not signed out)", async () => {
    const { api, store, client } = setup();
    api.expire();
    api.setRefreshDown(true);
    await expect(client.user.profile.query()).rejects.toThrow();
    expect(store.get()?.refreshToken).toBe("refresh-token-number-1");
  });

  it("does not try to refresh a 401 sent signed out (a wrong password is just an answer)", async () => {
    const { api, store, client } = setup(null);
    await expect(
      client.auth.login.mutate({ email: "ada@example.com", password: "nope-nope-1" }),
    ).rejects.toThrow("Wrong email or password.");
    expect(api.calls.map((c) => c.path)).toEqual(["auth.login"]);
    expect(store.get()).toBeNull();
  });
});

describe("SessionStore", () => {
  it("keeps the session under the app's key and notifies subscribers", () => {
    const storage = memoryStorage();
    const store = new SessionStore("pizza.driver-pwa.session", storage);
    let notified = 0;
    store.subscribe(() => notified++);
    store.set({ accessToken: "a", refreshToken: "r", user });
    expect(JSON.parse(storage.map.get("pizza.driver-pwa.session")!)).toMatchObject({ accessToken: "a" });
    expect(new SessionStore("pizza.driver-pwa.session", storage).get()?.user.name).toBe("Ada");
    store.set(null);
    expect(storage.map.size).toBe(0);
    expect(notified).toBe(2);
  });

  it("ignores a corrupted stored value instead of crashing the app", () => {
    const storage = memoryStorage();
    storage.setItem("k", "{not json");
    expect(new SessionStore("k", storage).get()).toBeNull();
    storage.setItem("k", JSON.stringify({ accessToken: 1 }));
    expect(new SessionStore("k", storage).get()).toBeNull();
  });
});

describe("two tabs of one app", () => {
  it("a tab whose token expired reuses the tokens another tab just refreshed, instead of refreshing again", async () => {
    const api = fakeApi();
    const storage = memoryStorage();
    const tabA = new SessionStore("pizza.test.session", storage);
    tabA.set({ accessToken: "access-1", refreshToken: "refresh-token-number-1", user });
    // Tab B loaded earlier; in Node no storage event reaches it, like a tab whose event is still queued.
    const tabB = new SessionStore("pizza.test.session", storage);
    const clientA = createApiClient(tabA, { url: "http://api.test/trpc", fetch: api.fetch });
    const clientB = createApiClient(tabB, { url: "http://api.test/trpc", fetch: api.fetch });
    api.expire();

    await clientA.user.profile.query();
    await expect(clientB.user.profile.query()).resolves.toMatchObject({ name: "Ada" });
    expect(api.calls.filter((c) => c.path === "auth.refresh")).toHaveLength(1);
    expect(tabB.get()?.refreshToken).toBe("refresh-token-number-2");
  });
});
