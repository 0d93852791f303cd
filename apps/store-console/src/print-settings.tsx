// This station's ticket printing, kept in the browser (localStorage): the thermal paper's width and
// whether a ticket prints by itself when an order enters the kitchen. Each till or kitchen screen has
// its own; the server still makes sure an order's ticket prints automatically once (ticket-printer.ts).
import { useCallback, useState } from "react";

export type PaperWidth = "80" | "58";

export interface PrintSettings {
  paper: PaperWidth;
  autoPrint: boolean;
}

const DEFAULTS: PrintSettings = { paper: "80", autoPrint: false };
const keyOf = (storeId: string) => `pizza.store-console.print.${storeId}`;

function readSettings(storeId: string): PrintSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(keyOf(storeId)) ?? "null") as Partial<PrintSettings> | null;
    return {
      paper: saved?.paper === "58" ? "58" : "80",
      autoPrint: saved?.autoPrint === true,
    };
  } catch {
    return DEFAULTS;
  }
}

export function usePrintSettings(storeId: string): [PrintSettings, (change: Partial<PrintSettings>) => void] {
  const [settings, setSettings] = useState(() => readSettings(storeId));
  const change = useCallback(
    (c: Partial<PrintSettings>) =>
      setSettings((s) => {
        const next = { ...s, ...c };
        localStorage.setItem(keyOf(storeId), JSON.stringify(next));
        return next;
      }),
    [storeId],
  );
  return [settings, change];
}

/** The two controls above the board: paper width and auto-print. */
export function PrintSettingsBar({
  settings,
  onChange,
}: {
  settings: PrintSettings;
  onChange(change: Partial<PrintSettings>): void;
}) {
  return (
    <fieldset className="kds__print">
      <legend className="visually-hidden">Ticket printing at this station</legend>
      <label>
        Ticket paper{" "}
        <select
          value={settings.paper}
          onChange={(e) => onChange({ paper: e.target.value === "58" ? "58" : "80" })}
          data-testid="print-paper"
        >
          <option value="80">80 mm</option>
          <option value="58">58 mm</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.autoPrint}
          onChange={(e) => onChange({ autoPrint: e.target.checked })}
          data-testid="auto-print"
        />{" "}
        Auto-print new orders
      </label>
    </fieldset>
  );
}
