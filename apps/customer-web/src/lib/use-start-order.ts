// What the start page does with the customer's choices: find the store that delivers to the address (or
// say which stores could do carryout instead), or start carryout at a store; then on to the menu.
import { errorMessage, useTRPCClient } from "@pizza/ui";
import { type FormEvent, useState } from "react";
import type { Refusal } from "../components/start/delivery-form.tsx";
import { useT } from "../i18n/index.tsx";
import { type StoreInfo, setStart } from "../order-state.ts";
import { navigate } from "../router.tsx";
import type { AddressProblem, DeliveryAddress } from "./use-delivery-address.ts";

/** The id of the message about the typed address, next to the part of the form it is about. */
export const ADDRESS_PROBLEM_ID = "delivery-address-problem";

function refusalOf(error: unknown): Refusal {
  const details = (error as { data?: { details?: Record<string, unknown> | null } })?.data?.details;
  const carryout = Array.isArray(details?.carryoutStores)
    ? (details.carryoutStores as Refusal["carryout"])
    : [];
  return { message: errorMessage(error), carryout };
}

/** `laterAt` is a datetime-local value, used when `when` is "later". */
export function useStartOrder(when: "asap" | "later", laterAt: string, address: DeliveryAddress) {
  const t = useT();
  const client = useTRPCClient();
  const [error, setError] = useState("");
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [problem, setProblem] = useState<AddressProblem | null>(null);
  const [busy, setBusy] = useState(false);

  function scheduled(): string | undefined | null {
    if (when === "asap") return undefined;
    const at = new Date(laterAt);
    if (Number.isNaN(at.getTime()) || at.getTime() < Date.now() + 10 * 60_000) {
      setError(t("start.timeTooSoon"));
      return null;
    }
    return at.toISOString();
  }

  async function startDelivery(event: FormEvent) {
    event.preventDefault();
    setError("");
    setRefusal(null);
    setProblem(null);
    const scheduledFor = scheduled();
    if (scheduledFor === null) return;
    const found = address.target();
    if ("problem" in found) {
      setProblem(found.problem);
      // Focus brings the message (next to the street or the pin) into view and has it read out.
      requestAnimationFrame(() => document.getElementById(ADDRESS_PROBLEM_ID)?.focus());
      return;
    }
    const { location, address: deliverTo } = found;
    setBusy(true);
    try {
      const store = await client.store.findForDelivery.query(location);
      setStart({
        channel: "delivery",
        storeId: store.id,
        storeName: store.name,
        regionCode: store.regionCode,
        location,
        address: deliverTo,
        ...(scheduledFor ? { scheduledFor } : {}),
      });
      navigate("/menu");
    } catch (e) {
      setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  }

  function startCarryout(store: Pick<StoreInfo, "id" | "name" | "regionCode">) {
    setError("");
    const scheduledFor = scheduled();
    if (scheduledFor === null) return;
    setStart({
      channel: "carryout",
      storeId: store.id,
      storeName: store.name,
      regionCode: store.regionCode,
      ...(scheduledFor ? { scheduledFor } : {}),
    });
    navigate("/menu");
  }

  return { error, setError, refusal, problem, busy, startDelivery, startCarryout };
}
