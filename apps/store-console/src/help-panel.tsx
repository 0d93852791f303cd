// Help requests (issue 16): the store's open problems with orders, oldest first, each answered in one
// action (help-request-card.tsx). Re-read every 15 s and after each answer.
import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { HelpRequestCard } from "./help-request-card.tsx";

export const HELP_REFRESH_MS = 15_000;

/** The store's open help requests (also counted on the tab). */
export function useHelpRequests(storeId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.help.forStore.queryOptions({ storeId }), refetchInterval: HELP_REFRESH_MS });
}

export default function HelpPanel({ storeId }: { storeId: string }) {
  const requests = useHelpRequests(storeId);
  return (
    <section className="card stack" aria-labelledby="help-title" data-testid="help-panel">
      <h2 id="help-title">Help requests</h2>
      {requests.isLoading ? <p className="muted">Loading…</p> : null}
      {requests.error ? (
        <div className="alert alert--error" role="alert">
          Could not load the help requests: {requests.error.message}
        </div>
      ) : null}
      {requests.data?.length === 0 ? <p className="muted">No open requests. Good.</p> : null}
      <div className="help-list">
        {(requests.data ?? []).map((r) => (
          <HelpRequestCard key={r.id} storeId={storeId} request={r} />
        ))}
      </div>
    </section>
  );
}
