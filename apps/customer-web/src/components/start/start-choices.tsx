// The start page's choices above the address: delivery or carryout, the area, and ASAP or a time.
import { type MessageKey, useT } from "../../i18n/index.tsx";

const REGION_NAMES: Record<string, MessageKey> = { us: "region.us", de: "region.de", jp: "region.jp" };

export function ChannelChoice({
  channel,
  onChange,
}: {
  channel: "delivery" | "carryout";
  onChange(channel: "delivery" | "carryout"): void;
}) {
  const t = useT();
  return (
    <fieldset className="segmented" aria-label={t("start.channelLabel")}>
      <legend className="segmented__legend">{t("start.orderType")}</legend>
      {(["delivery", "carryout"] as const).map((c) => (
        <label key={c} className="segmented__option">
          <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => onChange(c)} />
          <span>{c === "delivery" ? t("start.delivery") : t("start.carryout")}</span>
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
  const t = useT();
  return (
    <fieldset className="segmented segmented--auto" aria-label={t("start.area")}>
      <legend className="segmented__legend">{t("start.area")}</legend>
      {regions.map((r) => (
        <label key={r} className="segmented__option">
          <input type="radio" name="region" value={r} checked={region === r} onChange={() => onChange(r)} />
          <span>{REGION_NAMES[r] ? t(REGION_NAMES[r]) : r.toUpperCase()}</span>
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
  const t = useT();
  return (
    <>
      <fieldset className="segmented" aria-label={t("start.when")}>
        <legend className="segmented__legend">{t("start.when")}</legend>
        <label className="segmented__option">
          <input type="radio" name="when" checked={when === "asap"} onChange={() => onWhen("asap")} />
          <span>{t("start.asap")}</span>
        </label>
        <label className="segmented__option">
          <input type="radio" name="when" checked={when === "later"} onChange={() => onWhen("later")} />
          <span>{t("start.schedule")}</span>
        </label>
      </fieldset>
      {when === "later" ? (
        <label className="field">
          <span className="field__label">{t("start.dateTime")}</span>
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
