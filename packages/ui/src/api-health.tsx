import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./api-provider.tsx";
import { useUiText } from "./ui-text.tsx";

type HealthState = "checking" | "ok" | "degraded" | "down";

/**
 * The live health of the API (`health.status`, polled). Quiet while the API answers: customers, drivers
 * and staff see a badge only when there is trouble, with a coloured dot plus words, so it never relies on
 * colour alone. The element stays in place (empty, visually hidden) as a `role="status"` live region, so
 * screen readers announce trouble when it appears, without stealing focus.
 */
export function ApiHealth({
  intervalMs = 5_000,
  compact = false,
}: {
  intervalMs?: number;
  compact?: boolean;
}) {
  const text = useUiText();
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
  // Words only for trouble: while all is well (or still being checked) the badge shows nothing.
  const trouble = state === "degraded" ? text.slow : state === "down" ? text.offline : undefined;
  return (
    <span
      className={`api-health api-health--${state}${trouble ? "" : " api-health--quiet"}`}
      role="status"
      aria-live="polite"
      data-testid="api-health"
      data-state={state}
      data-checked-at={checkedAt || undefined}
      title={checkedAt ? `${detail} · checked ${new Date(checkedAt).toLocaleTimeString()}` : detail}
    >
      {trouble ? (
        <>
          <span className="api-health__dot" aria-hidden="true" />
          <span className="api-health__label">{trouble}</span>
          {!compact && detail ? <span className="api-health__detail">{detail}</span> : null}
        </>
      ) : null}
    </span>
  );
}
