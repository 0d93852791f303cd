// The deals of the store's region, for admins (issue 22): every deal with what it holds, its price and
// whether it is offered; a form to create or edit one, each mistake said under its field, and a button to
// stop offering one at once. Customers see the offered ones on the menu and get them in their prices.
// Hosted in the Store tab for now; the lead moves it to the Menu tab.
import { errorMessage, fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DealForm } from "./deal-form.tsx";
import { FormNote, useFormNote } from "./form-note.tsx";
import { money } from "./money.ts";
import type { AdminDeal, Menu } from "./store-api-types.ts";

export function DealsPanel({ menu }: { menu: Menu }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const regionCode = menu.region.code;
  const list = useQuery(trpc.deal.list.queryOptions({ regionCode }));
  const [editing, setEditing] = useState<AdminDeal | null>(null);
  const [note, setNote] = useFormNote();
  const done = (text: string) => {
    setNote({ ok: true, text });
    setEditing(null);
    void queryClient.invalidateQueries(trpc.deal.list.pathFilter());
  };
  const failed = (e: unknown) =>
    setNote({
      ok: false,
      text: Object.keys(fieldErrors(e)).length > 0 ? "Check the highlighted fields." : errorMessage(e),
    });
  const create = useMutation(
    trpc.deal.create.mutationOptions({ onSuccess: (d) => done(`Added ${d.nameEn}.`), onError: failed }),
  );
  const update = useMutation(
    trpc.deal.update.mutationOptions({ onSuccess: (d) => done(`Saved ${d.nameEn}.`), onError: failed }),
  );
  const deactivate = useMutation(
    trpc.deal.deactivate.mutationOptions({
      onSuccess: (d) => done(`${d.nameEn} is no longer offered.`),
      onError: failed,
    }),
  );
  const mutation = editing ? update : create;
  const contents = (d: AdminDeal) =>
    d.slots
      .map((s) => {
        const item = s.itemId ? (menu.items.find((i) => i.id === s.itemId)?.name ?? s.itemId) : s.kind;
        return `${s.quantity} × ${[s.variant, item].filter(Boolean).join(" ")}`;
      })
      .join(" + ");

  return (
    <section className="card stack panel-wide" aria-labelledby="deals-title" data-testid="deals-admin">
      <h2 id="deals-title">Deals ({regionCode.toUpperCase()})</h2>
      <p className="muted small">
        Set-price combinations the region's customers get automatically when their cart holds them. A change
        shows on the menu and in prices at once. Admins only.
      </p>
      {list.error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="deals">
          <thead>
            <tr>
              <th scope="col">Deal</th>
              <th scope="col">Made of</th>
              <th scope="col">Price</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((d) => (
              <tr key={d.id}>
                <td>
                  <strong>{d.nameEn}</strong>
                  <br />
                  <span className="muted small">{[d.nameDe, d.nameJa].filter(Boolean).join(" · ")}</span>
                </td>
                <td>{contents(d)}</td>
                <td>{money(d.price, d.currency)}</td>
                <td>{d.active ? "offered" : "withdrawn"}</td>
                <td className="row">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Edit ${d.nameEn}`}
                    onClick={() => {
                      setNote(null);
                      setEditing(d);
                    }}
                  >
                    Edit
                  </button>
                  {d.active ? (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Stop offering ${d.nameEn}`}
                      disabled={deactivate.isPending}
                      onClick={() => deactivate.mutate({ id: d.id })}
                    >
                      Stop offering
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DealForm
        key={editing?.id ?? "new"}
        menu={menu}
        editing={editing}
        pending={mutation.isPending}
        serverErrors={fieldErrors(mutation.error)}
        onCancel={() => setEditing(null)}
        onSubmit={(request) => {
          setNote(null);
          if (editing) update.mutate({ ...request, id: editing.id });
          else create.mutate({ ...request, regionCode });
        }}
      />
      <FormNote note={note} />
    </section>
  );
}
