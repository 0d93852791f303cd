// The store's drivers as a table: who, their state, and what they are doing now.
import type { RosterDriver } from "./store-api-types.ts";

const STATE_LABEL: Record<string, string> = {
  available: "Available",
  offered: "Offered an order",
  assigned: "Assigned an order",
  on_delivery: "On a delivery",
  delivering: "On a delivery",
  break: "On a break",
  on_break: "On a break",
  offline: "Offline",
};

/** A driver's state in words ("On a break"). */
export const stateLabel = (state: string) => STATE_LABEL[state] ?? state;

export function DriverRoster({ drivers, error }: { drivers: RosterDriver[]; error: string }) {
  return (
    <section className="card stack" aria-labelledby="roster-title">
      <h2 id="roster-title">Drivers</h2>
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <table className="table" data-testid="roster">
        <thead>
          <tr>
            <th scope="col">Driver</th>
            <th scope="col">State</th>
            <th scope="col">Now</th>
          </tr>
        </thead>
        <tbody>
          {drivers.map((d) => (
            <tr key={d.driverId}>
              <td>
                {d.name} <span className="muted small">{d.vehicle}</span>
              </td>
              <td>
                <span className={`badge badge--${d.state}`}>{stateLabel(d.state)}</span>
                {d.position && !d.fresh ? <span className="muted small"> (position old)</span> : null}
              </td>
              <td className="small">
                {d.currentDelivery
                  ? `Order ${d.currentDelivery.orderNumber} (${d.currentDelivery.status.replace(/_/g, " ")})`
                  : d.offer
                    ? "Deciding on an offer"
                    : "—"}
              </td>
            </tr>
          ))}
          {drivers.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                No drivers on the roster.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
