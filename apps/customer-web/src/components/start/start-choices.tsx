// The start page's choices above the address: delivery or carryout, the area, and ASAP or a time.

const REGION_NAMES: Record<string, string> = { us: "New York", de: "Berlin", jp: "Tokyo" };

export function ChannelChoice({
  channel,
  onChange,
}: {
  channel: "delivery" | "carryout";
  onChange(channel: "delivery" | "carryout"): void;
}) {
  return (
    <fieldset className="segmented" aria-label="Delivery or carryout">
      <legend className="segmented__legend">Order type</legend>
      {(["delivery", "carryout"] as const).map((c) => (
        <label key={c} className="segmented__option">
          <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => onChange(c)} />
          <span>{c === "delivery" ? "Delivery" : "Carryout"}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function RegionChoice({
  regions,
  region,
  onChange,
}: {
  regions: string[];
  region: string;
  onChange(region: string): void;
}) {
  return (
    <fieldset className="segmented segmented--auto" aria-label="Area">
      <legend className="segmented__legend">Area</legend>
      {regions.map((r) => (
        <label key={r} className="segmented__option">
          <input type="radio" name="region" value={r} checked={region === r} onChange={() => onChange(r)} />
          <span>{REGION_NAMES[r] ?? r.toUpperCase()}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** ASAP, or a date and time for a scheduled order. */
export function WhenChoice({
  when,
  laterAt,
  onWhen,
  onLaterAt,
}: {
  when: "asap" | "later";
  laterAt: string;
  onWhen(when: "asap" | "later"): void;
  onLaterAt(value: string): void;
}) {
  return (
    <>
      <fieldset className="segmented" aria-label="When">
        <legend className="segmented__legend">When</legend>
        <label className="segmented__option">
          <input type="radio" name="when" checked={when === "asap"} onChange={() => onWhen("asap")} />
          <span>ASAP</span>
        </label>
        <label className="segmented__option">
          <input type="radio" name="when" checked={when === "later"} onChange={() => onWhen("later")} />
          <span>Schedule</span>
        </label>
      </fieldset>
      {when === "later" ? (
        <label className="field">
          <span className="field__label">Date and time</span>
          <input
            className="input"
            type="datetime-local"
            value={laterAt}
            onChange={(e) => onLaterAt(e.target.value)}
          />
        </label>
      ) : null}
    </>
  );
}
