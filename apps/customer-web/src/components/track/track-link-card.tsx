// The owner's tracking link: open the tracker on another device or share it (no account needed;
// read-only; it stops working a day after the order finished).

import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "../../i18n/index.tsx";

export function TrackLinkCard({ orderId }: { orderId: string }) {
  const t = useT();
  const trpc = useTRPC();
  const link = useQuery({ ...trpc.order.trackLink.queryOptions({ orderId }), staleTime: Infinity });
  const [copied, setCopied] = useState(false);
  if (!link.data) return null;
  const url = `${window.location.origin}/t/${link.data.token}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section className="card stack stack--tight" aria-labelledby="track-link-h">
      <h2 id="track-link-h">{t("link.title")}</h2>
      <p className="small">{t("link.text")}</p>
      <div className="track-link">
        <input
          className="input"
          readOnly
          value={url}
          aria-label={t("link.label")}
          data-testid="track-link"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={copy}>
          {copied ? t("link.copied") : t("link.copy")}
        </button>
      </div>
    </section>
  );
}
