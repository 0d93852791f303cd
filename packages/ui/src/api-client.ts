import type { AppRouter } from "@pizza/api/router";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  isTRPCClientError,
  type TRPCClient,
  type TRPCLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { SessionStore } from "./session.ts";

export type ApiClient = TRPCClient<AppRouter>;

export interface ApiClientOptions {
  /** Where tRPC is served; the apps and the API share one origin, so the default is `/trpc`. */
  url?: string;
  fetch?: typeof globalThis.fetch;
  /** The app's current language (a BCP 47 tag), sent as `x-locale` so the API answers in it. */
  locale?: () => string;
}

export function isUnauthorized(error: unknown): boolean {
  return isTRPCClientError(error) && (error.data?.code === "UNAUTHORIZED" || error.data?.httpStatus === 401);
}

/**
 * The app's tRPC client. Every request carries the session's access token; a request that comes back
 * UNAUTHORIZED while signed in triggers one `auth.refresh` with the stored refresh token (shared by all
 * requests failing at once) and is retried once with the new token; when the refresh is refused the
 * session is cleared, which signs the app out.
 */
export function createApiClient(session: SessionStore, options: ApiClientOptions = {}): ApiClient {
  const url = options.url ?? "/trpc";
  const fetchImpl = options.fetch;
  // A bare client for auth.refresh, so the refresh itself never goes through the retry link.
  const bare = createTRPCClient<AppRouter>({ links: [httpLink({ url, fetch: fetchImpl })] });

  // Tabs of one app share the stored session: refreshes run one at a time across tabs (Web Locks),
  // and a tab that finds fresh tokens already stored uses them instead of presenting a refresh token
  // that was just rotated (which the API would treat as reuse and answer by revoking the session).
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  const exclusive = (fn: () => Promise<boolean>): Promise<boolean> =>
    locks ? locks.request(`${session.storageKey}:refresh`, fn).then((result) => result) : fn();

  let refreshing: Promise<boolean> | null = null;
  const refresh = (sentWith: string): Promise<boolean> => {
    refreshing ??= exclusive(async () => {
      const current = session.reload();
      if (!current) return false;
      if (current.accessToken !== sentWith) return true;
      try {
        const next = await bare.auth.refresh.mutate({ refreshToken: current.refreshToken });
        session.set({ accessToken: next.accessToken, refreshToken: next.refreshToken, user: next.user });
        return true;
      } catch (error) {
        // Refused (expired, revoked, reused): sign out. A network failure keeps the session for later.
        if (isTRPCClientError(error) && error.data) session.set(null);
        return false;
      }
    }).finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const refreshOn401: TRPCLink<AppRouter> =
    () =>
    ({ op, next }) =>
      observable((observer) => {
        const sentWith = session.get()?.accessToken;
        let retried = false;
        let subscription = next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            // Only a request that was sent signed in can be rescued (a wrong password is also a 401).
            if (retried || sentWith === undefined || !isUnauthorized(error)) return observer.error(error);
            retried = true;
            refresh(sentWith).then(
              (ok) => {
                if (!ok) return observer.error(error);
                subscription = next(op).subscribe({
                  next: (value) => observer.next(value),
                  complete: () => observer.complete(),
                  error: (again) => {
                    // Refreshed and still refused: the account is gone or blocked, so sign out.
                    if (isUnauthorized(again)) session.set(null);
                    observer.error(again);
                  },
                });
              },
              (cause) => observer.error(cause),
            );
          },
        });
        return () => subscription.unsubscribe();
      });

  return createTRPCClient<AppRouter>({
    links: [
      refreshOn401,
      httpBatchLink({
        url,
        fetch: fetchImpl,
        maxItems: 10,
        headers({ opList }) {
          // An explicit token in the operation's context wins (revoking a session that was never stored).
          const explicit = opList.find((op) => typeof op.context.token === "string")?.context.token;
          const token = (explicit as string | undefined) ?? session.get()?.accessToken;
          const locale = options.locale?.();
          return {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(locale ? { "x-locale": locale } : {}),
          };
        },
      }),
    ],
  });
}
