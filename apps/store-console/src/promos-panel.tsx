// Promo codes for admins: create one, pause or resume it, see who used it.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { money } from "./money.ts";
import { PromoCreateForm } from "./promo-create-form.tsx";
import { PromoTable } from "./promo-table.tsx";

export function Promos() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.promo.list.queryOptions({}));
  const [note, setNote] = useFormNote();
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries(trpc.promo.list.pathFilter());
  const toggle = useMutation(
    trpc.promo.setActive.mutationOptions({
      onSuccess: refresh,
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  return (
    <section className="card stack" aria-labelledby="promos-title">
      <h2 id="promos-title">Promo codes</h2>
      <PromoCreateForm onNote={setNote} onCreated={refresh} />
      <FormNote note={note} />
      <PromoTable
        promos={list.data ?? []}
        open={open}
        toggling={toggle.isPending}
        onToggle={(promoId, active) => toggle.mutate({ promoId, active })}
        onOpen={setOpen}
      />
      {open ? <Redemptions promoId={open} /> : null}
    </section>
  );
}

function Redemptions({ promoId }: { promoId: string }) {
  const trpc = useTRPC();
  const r = useQuery(trpc.promo.redemptions.queryOptions({ promoId }));
  if (!r.data) return <p className="muted">Loading…</p>;
  return (
    <div className="stack stack--tight" data-testid="redemptions">
      <h3>
        {r.data.code}: {r.data.usedCount} used
        {r.data.totals.length > 0
          ? ` · ${r.data.totals.map((t) => money(t.discount, t.currency)).join(" + ")} given`
          : ""}
      </h3>
      {r.data.redemptions.length === 0 ? <p className="muted">Not used yet.</p> : null}
      <ul>
        {r.data.redemptions.map((x) => (
          <li key={x.orderId}>
            Order {x.orderNumber} · {money(x.discount, x.currency)} · {new Date(x.at).toLocaleString()}
            {x.released ? " (released: order cancelled)" : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
