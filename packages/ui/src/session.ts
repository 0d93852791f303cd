import type { AppRouter } from "@pizza/api/router";
import type { inferRouterOutputs } from "@trpc/server";

export type AuthResponse = inferRouterOutputs<AppRouter>["auth"]["login"];
export type SessionUser = AuthResponse["user"];

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

/** The minimal Storage the session needs (window.localStorage in the browser, a Map in tests). */
export type SessionStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * The signed-in session of one app, kept in storage under the app's own key so the customer app and
 * the driver app on one device never share a login. Subscribable for `useSyncExternalStore`.
 */
export class SessionStore {
  private current: Session | null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly storageKey: string,
    private readonly storage: SessionStorage | undefined = globalThis.localStorage,
  ) {
    this.current = this.read();
    // Another tab of the same app signed in, refreshed or signed out.
    globalThis.addEventListener?.("storage", (event: StorageEvent) => {
      if (event.key !== this.storageKey) return;
      this.current = this.read();
      this.emit();
    });
  }

  get = (): Session | null => this.current;

  set(session: Session | null): void {
    this.current = session;
    try {
      if (session) this.storage?.setItem(this.storageKey, JSON.stringify(session));
      else this.storage?.removeItem(this.storageKey);
    } catch {
      // Private browsing or a full quota: the session still lives for this page.
    }
    this.emit();
  }

  /**
   * Re-reads storage now (another tab may have just refreshed the tokens; its storage event can
   * arrive later) and returns what is there.
   */
  reload(): Session | null {
    const stored = this.read();
    if (JSON.stringify(stored) !== JSON.stringify(this.current)) {
      this.current = stored;
      this.emit();
    }
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit() {
    for (const listener of this.listeners) listener();
  }

  private read(): Session | null {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      if (!raw) return null;
      const value = JSON.parse(raw) as Partial<Session>;
      if (typeof value.accessToken !== "string" || typeof value.refreshToken !== "string" || !value.user)
        return null;
      return value as Session;
    } catch {
      return null;
    }
  }
}
