// The loyalty reward catalogue of the store's region, for admins (issue 21): every reward with its points
// and whether it is offered, a form to create one or edit one (names in English, German and Japanese,
// points, what it gives), each mistake said under its field. Customers' carts read the same catalogue.
import { errorMessage, fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { money } from "./money.ts";
import { RewardForm, type RewardRow } from "./reward-form.tsx";
import type { Menu } from "./store-api-types.ts";

export function RewardCataloguePanel({ menu }: { menu: Menu }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const regionCode = menu.region.code;
  const list = useQuery(trpc.loyalty.catalogue.queryOptions({ regionCode }));
  const [editing, setEditing] = useState<RewardRow | null>(null);
  const [note, setNote] = useFormNote();
  const refresh = () => void queryClient.invalidateQueries(trpc.loyalty.catalogue.pathFilter());
  const done = (text: string) => {
    setNote({ ok: true, text });
    setEditing(null);
    refresh();
  };
  const failed = (e: unknown) =>
    setNote({
      ok: false,
      text: Object.keys(fieldErrors(e)).length > 0 ? "Check the highlighted fields." : errorMessage(e),
    });
  const create = useMutation(
    trpc.loyalty.createReward.mutationOptions({
      onSuccess: (r) => done(`Added ${r.nameEn}.`),
      onError: failed,
    }),
  );
  const update = useMutation(
    trpc.loyalty.updateReward.mutationOptions({
      onSuccess: (r) => done(`Saved ${r.nameEn}.`),
      onError: failed,
    }),
  );
  const mutation = editing ? update : create;
  const describe = (r: RewardRow) =>
    r.kind === "amount_off" && r.amount !== null
      ? `${money(r.amount, menu.region.currency)} off`
      : r.kind === "free_item"
        ? `free ${menu.items.find((i) => i.id === r.itemId)?.name ?? r.itemId} (${r.variant})`
        : "free delivery";

  return (
    <section className="card stack panel-wide" aria-labelledby="rewards-title" data-testid="reward-catalogue">
      <h2 id="rewards-title">Loyalty rewards ({regionCode.toUpperCase()})</h2>
      <p className="muted small">
        What customers of the region spend points on in the cart. A change shows in their carts at once;
        orders that already hold a reward keep it. Admins only.
      </p>
      {list.error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="rewards">
          <thead>
            <tr>
              <th scope="col">Reward</th>
              <th scope="col">Gives</th>
              <th scope="col">Points</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((r) => (
              <tr key={r.id}>
                <td>
                  <strong>{r.nameEn}</strong>
                  <br />
                  <span className="muted small">{[r.nameDe, r.nameJa].filter(Boolean).join(" · ")}</span>
                </td>
                <td>{describe(r)}</td>
                <td>{r.points}</td>
                <td>{r.active ? "offered" : "withdrawn"}</td>
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Edit ${r.nameEn}`}
                    onClick={() => {
                      setNote(null);
                      setEditing(r);
                    }}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RewardForm
        key={editing?.id ?? "new"}
        menu={menu}
        editing={editing}
        pending={mutation.isPending}
        serverErrors={fieldErrors(mutation.error)}
        onCancel={() => setEditing(null)}
        onSubmit={(request) => {
          setNote(null);
          if (editing) update.mutate({ ...request, id: editing.id });
          else create.mutate({ ...request, regionCode, id: request.id });
        }}
      />
      <FormNote note={note} />
    </section>
  );
}
