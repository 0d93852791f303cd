import type { AppRouter } from "@pizza/api/router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from "react";
import { type ApiClient, createApiClient } from "./api-client.ts";
import type { AuthResponse, Session } from "./session.ts";
import { SessionStore } from "./session.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

interface ApiContextValue {
  session: SessionStore;
  client: ApiClient;
  queryClient: QueryClient;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/** Input errors and refusals are answers, not outages: retrying them only delays the message. */
const isHealthKey = (key: readonly unknown[]) => JSON.stringify(key[0]) === '["health","status"]';

function retryable(failureCount: number, error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failureCount < 2;
}

/**
 * Everything an app needs to talk to the API: the session (kept under `pizza.<app>.session`), the typed
 * tRPC client and React Query. `app` names the app so each keeps its own login on a shared device.
 */
export function ApiProvider({
  app,
  locale,
  children,
}: {
  app: string;
  /** The app's current language, sent with every request (`x-locale`) so refusals come in it. */
  locale?: () => string;
  children: ReactNode;
}) {
  const [value] = useState<ApiContextValue>(() => {
    const session = new SessionStore(`pizza.${app}.session`);
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: retryable, staleTime: 5_000 }, mutations: { retry: false } },
    });
    return { session, client: createApiClient(session, locale ? { locale } : {}), queryClient };
  });

  // Another user (or nobody) now: forget every answer cached for the previous one. Health stays.
  useEffect(() => {
    let userId = value.session.get()?.user.id;
    return value.session.subscribe(() => {
      const next = value.session.get()?.user.id;
      if (next === userId) return;
      userId = next;
      value.queryClient.removeQueries({ predicate: (q) => !isHealthKey(q.queryKey) });
    });
  }, [value]);

  return (
    <ApiContext.Provider value={value}>
      <QueryClientProvider client={value.queryClient}>
        <TRPCProvider trpcClient={value.client} queryClient={value.queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </ApiContext.Provider>
  );
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error("useSession must be used inside <ApiProvider>");
  return value;
}

export interface UseSession {
  session: Session | null;
  user: Session["user"] | null;
  /** Keep the tokens of a successful auth.login / auth.confirmSignUp (auth.register gives none). */
  signIn(response: AuthResponse): void;
  /** Revokes the refresh token on the server (best effort) and forgets the session here. */
  signOut(): Promise<void>;
  /** The signed-in user changed on the server (name, verification): keep the stored copy current. */
  updateUser(user: Session["user"]): void;
}

export function useSession(): UseSession {
  const { session: store, client } = useApiContext();
  const session = useSyncExternalStore(store.subscribe, store.get, store.get);
  const signIn = useCallback(
    (r: AuthResponse) =>
      store.set({ accessToken: r.accessToken, refreshToken: r.refreshToken, user: r.user }),
    [store],
  );
  const signOut = useCallback(async () => {
    const current = store.get();
    if (current) {
      await client.auth.logout.mutate({ refreshToken: current.refreshToken }).catch(() => undefined);
    }
    store.set(null);
  }, [store, client]);
  const updateUser = useCallback(
    (user: Session["user"]) => {
      const current = store.get();
      if (current && current.user.id === user.id) store.set({ ...current, user });
    },
    [store],
  );
  return { session, user: session?.user ?? null, signIn, signOut, updateUser };
}
