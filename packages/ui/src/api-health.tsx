import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./api-provider.tsx";

type HealthState = "checking" | "ok" | "degraded" | "down";

const LABEL: Record<HealthState, string> = {
  checking: "Checking API…",
  ok: "API online",
  degraded: "API degraded",
  down: "API unreachable",
};

/**
 * The live health of the API (`health.status`, polled): a coloured dot plus words, so it never relies
 * on colour alone. `role="status"` makes screen readers announce a change without stealing focus.
 */
export function ApiHealth({
  intervalMs = 5_000,
  compact = false,
}: {
  intervalMs?: number;
  compact?: boolean;
}) {
  const trpc = useTRPC();
  const health = useQuery({
    ...trpc.health.status.queryOptions(undefined, {
      refetchInterval: intervalMs,
      retry: false,
      staleTime: 0,
    }),
  });
  const state: HealthState = health.isPending
    ? "checking"
    : health.isError
      ? "down"
      : health.data.ready
        ? "ok"
        : "degraded";
  // Components come only for an admin (or the operations token); the public answer is ready or not.
  const parts = health.data?.checks
    ? Object.entries(health.data.checks).map(
        ([name, status]) => `${name === "db" ? `db (${health.data.db})` : name} ${status}`,
      )
    : [];
  const detail = health.isError ? "retrying" : parts.join(", ");
  const checkedAt = health.dataUpdatedAt || health.errorUpdatedAt;
  return (
    <span
      className={`api-health api-health--${state}`}
      role="status"
      aria-live="polite"
      data-testid="api-health"
      data-state={state}
      data-checked-at={checkedAt || undefined}
      title={checkedAt ? `${detail} · checked ${new Date(checkedAt).toLocaleTimeString()}` : detail}
    >
      <span className="api-health__dot" aria-hidden="true" />
      <span className="api-health__label">{LABEL[state]}</span>
      {!compact && detail ? <span className="api-health__detail">{detail}</span> : null}
    </span>
  );
}
