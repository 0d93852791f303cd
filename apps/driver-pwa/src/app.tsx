import { errorMessage, type SessionUser, SignedInShell, UserSummary, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { CurrentDeliveries } from "./delivery.tsx";
import { WeeklyEarnings } from "./earnings.tsx";
import { DriverNotificationChoices } from "./notification-choices.tsx";
import { Offers } from "./offers.tsx";
import { OutboxProvider, useOutbox } from "./outbox.tsx";
import { PushToggle } from "./push-toggle.tsx";
import { DriverRealtime, LocationIndicator } from "./realtime.tsx";
import { ClockIn, ShiftSummary, StatusControls } from "./shift.tsx";
import { UpdatePrompt } from "./update-prompt.tsx";

/** The driver PWA: clock in, share the location, take offers, deliver — with a flaky connection. */
export function App() {
  return (
    <>
      <SignedInShell
        appName="Driver"
        allowRoles={["driver"]}
        wrongRoleMessage="This app is for delivery drivers. Sign in with your driver account."
        intro="For Pronto Pizza delivery drivers. Add this app to your home screen for the best experience."
      >
        {(user) => (
          <OutboxProvider>
            <DriverHome user={user} />
          </OutboxProvider>
        )}
      </SignedInShell>
      <UpdatePrompt />
    </>
  );
}

function DriverHome({ user }: { user: SessionUser }) {
  const firstName = user.name.split(" ")[0] ?? user.name;
  const trpc = useTRPC();
  const summary = useQuery({ ...trpc.delivery.shiftSummary.queryOptions(), refetchInterval: 30_000 });
  const current = useQuery({
    ...trpc.delivery.current.queryOptions(),
    enabled: summary.data?.online === true,
  });
  const onShift = summary.data?.online === true;
  const holding = (current.data?.length ?? 0) > 0;

  return (
    <DriverRealtime active={onShift}>
      <div className="driver stack">
        <div className="driver__top">
          <h1>{onShift ? "On shift" : `Hi, ${firstName}`}</h1>
          {onShift ? <LocationIndicator /> : null}
        </div>
        <PendingActions />
        {summary.isPending ? <p className="muted">Loading your shift…</p> : null}
        {summary.error && !summary.data ? (
          <div className="alert alert--error" role="alert">
            {errorMessage(summary.error)}
          </div>
        ) : null}
        {summary.data === null || (summary.data && !onShift) ? <ClockIn /> : null}
        {onShift && summary.data ? (
          <>
            <Offers enabled={summary.data.state === "available" || summary.data.state === "offered"} />
            <CurrentDeliveries enabled />
            <StatusControls state={summary.data.state} holding={holding} />
          </>
        ) : null}
        {summary.data !== undefined ? <PushToggle /> : null}
        {summary.data !== undefined ? <DriverNotificationChoices /> : null}
        {summary.data ? (
          <ShiftSummary summary={summary.data} title={onShift ? "This shift" : "Your last shift"} />
        ) : null}
        {summary.data !== undefined ? <WeeklyEarnings /> : null}
        <section className="card stack" aria-label="Your account">
          <UserSummary user={user} />
        </section>
      </div>
    </DriverRealtime>
  );
}

/** What is waiting in the outbox (and what the server refused). */
function PendingActions() {
  const { pending, refused, dismissRefused, flush } = useOutbox();
  if (pending.length === 0 && refused.length === 0) return null;
  return (
    <section className="stack" aria-label="Waiting to send">
      {pending.length > 0 ? (
        <div className="alert alert--info outbox" role="status" data-testid="outbox">
          <p>
            <strong>{pending.length} pending</strong> — saved on this phone, sent in order when the connection
            is back.
          </p>
          <ul className="small">
            {pending.map((p) => (
              <li key={p.clientActionId}>
                #{p.orderNumber} {p.kind === "delivered" ? "delivered" : "picked up"}
                {p.attempts > 0 ? ` (tried ${p.attempts}×)` : ""}
              </li>
            ))}
          </ul>
          <button type="button" className="button button--small" onClick={() => void flush()}>
            Send now
          </button>
        </div>
      ) : null}
      {refused.map((r) => (
        <div key={r.action.clientActionId} className="alert alert--error" role="alert">
          #{r.action.orderNumber} {r.action.kind === "delivered" ? "delivered" : "picked up"} was not
          accepted: {r.message}
        </div>
      ))}
      {refused.length > 0 ? (
        <button type="button" className="button button--small button--ghost" onClick={dismissRefused}>
          Dismiss
        </button>
      ) : null}
    </section>
  );
}
