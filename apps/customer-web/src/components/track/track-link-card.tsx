// The owner's tracking link: open the tracker on another device or share it (no account needed;
// read-only; it stops working a day after the order finished).
import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

export function TrackLinkCard({ orderId }: { orderId: string }) {
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
      <h2 id="track-link-h">Follow on any device</h2>
      <p className="small">
        Anyone with this link sees this order's progress, without signing in. They cannot change it. The link
        stops working a day after the order is delivered, picked up or cancelled.
      </p>
      <div className="track-link">
        <input
          className="input"
          readOnly
          value={url}
          aria-label="Tracking link"
          data-testid="track-link"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={copy}>
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
    </section>
  );
}
