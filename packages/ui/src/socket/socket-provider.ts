// React side of the connection: `<SocketProvider>` holds one for the signed-in user and follows the
// session; `useSocket` and `useConnectionState` read it.
import {
  createContext,
  createElement,
  type ReactNode,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { useSession, useTRPCClient } from "../api-provider.tsx";
import type { BackoffOptions } from "./backoff.ts";
import { type ConnectionState, RealtimeConnection } from "./connection.ts";

const SocketContext = createContext<RealtimeConnection | null>(null);

/**
 * One Socket.IO connection for the signed-in user, shared by every feed hook. Put it inside
 * `<ApiProvider>`; it connects while someone is signed in and follows the session (refresh, sign-out,
 * another user). With `trackToken` it connects with a tracking link instead (one order, read-only, no
 * account); with `active={false}` it stays closed (a finished order needs no live updates).
 */
export function SocketProvider({
  children,
  url,
  path,
  backoff,
  trackToken,
  active = true,
}: {
  children: ReactNode;
  url?: string;
  path?: string;
  backoff?: BackoffOptions;
  trackToken?: string;
  active?: boolean;
}) {
  const { session } = useSession();
  const client = useTRPCClient();
  const tokenRef = useRef<string | null>(session?.accessToken ?? null);
  tokenRef.current = trackToken ?? session?.accessToken ?? null;
  const [connection] = useState(
    () =>
      new RealtimeConnection({
        url,
        path,
        backoff,
        getToken: () => tokenRef.current,
        ...(trackToken ? { tokenKind: "trackToken" as const } : {}),
        // Any authenticated call refreshes the session on a 401 (api-client.ts); the new token then
        // reaches tokenRef through the session store before the reconnect reads it. A tracking link
        // has nothing to refresh.
        refresh: async () => {
          if (trackToken) return false;
          try {
            await client.user.profile.query();
            return tokenRef.current !== null;
          } catch {
            return false;
          }
        },
      }),
  );

  useEffect(() => {
    if (!active) return;
    connection.start();
    return () => connection.stop();
  }, [connection, active]);

  const userId = trackToken ? null : (session?.user.id ?? null);
  const token = tokenRef.current;
  const previous = useRef({ userId, token });
  useEffect(() => {
    const before = previous.current;
    previous.current = { userId, token };
    if (before.userId === userId && before.token === token) return;
    connection.tokenChanged(before.userId !== userId);
  }, [connection, userId, token]);

  return createElement(SocketContext.Provider, { value: connection }, children);
}

/** The shared connection (its `socket` for anything the hooks below do not cover). */
export function useSocket(): RealtimeConnection {
  const connection = useContext(SocketContext);
  if (!connection) throw new Error("useSocket must be used inside <SocketProvider>");
  return connection;
}

export function useConnectionState(): ConnectionState {
  const connection = useSocket();
  return useSyncExternalStore(connection.subscribe, connection.getState, connection.getState);
}
