import { useEffect, useRef } from "react";

/**
 * A notification opened the app at an offer (`/driver/?offer=<id>`, `&do=accept|decline` from its action
 * buttons): once that offer is on screen it is scrolled into view and, for an action, answered once; then
 * the address goes back to `/driver/` so a reload does not answer again.
 */
export function useOfferLink(
  offerIds: string[] | undefined,
  answer: (offerId: string, action: "accept" | "decline") => void,
): string | null {
  const params = new URLSearchParams(window.location.search);
  const linked = params.get("offer");
  const action = params.get("do");
  const done = useRef(false);
  useEffect(() => {
    if (!linked || done.current || !offerIds?.includes(linked)) return;
    done.current = true;
    document.querySelector(`[data-offer-id="${CSS.escape(linked)}"]`)?.scrollIntoView({ block: "center" });
    if (action === "accept" || action === "decline") answer(linked, action);
    window.history.replaceState(null, "", window.location.pathname);
  }, [linked, action, offerIds, answer]);
  return linked;
}
