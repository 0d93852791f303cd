// Whether the store's region offers an item, topping, crust or sauce at all (issue 22); a store's own
// sell-outs stay in the "Store & stock" tab.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { FormNote, useFormNote } from "./form-note.tsx";
import type { CatalogueEntry } from "./store-api-types.ts";

export function MenuAvailabilitySwitch({
  entry,
  regionCode,
  onSaved,
}: {
  entry: CatalogueEntry;
  regionCode: string;
  onSaved(): void;
}) {
  const trpc = useTRPC();
  const [note, setNote] = useFormNote();
  const set = useMutation(
    trpc.menuAdmin.setAvailability.mutationOptions({
      onSuccess: () => {
        setNote({ ok: true, text: "Saved. Customers' menus follow at once." });
        onSaved();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  return (
    <section className="card stack" aria-labelledby="menu-availability-title">
      <h3 id="menu-availability-title">Availability in {regionCode.toUpperCase()}</h3>
      <label className="field field--check">
        <input
          type="checkbox"
          checked={entry.available}
          disabled={set.isPending}
          onChange={(e) =>
            set.mutate({ regionCode, entity: entry.entity, entityId: entry.id, available: e.target.checked })
          }
        />
        <span>Offered in the region's stores</span>
      </label>
      <FormNote note={note} />
    </section>
  );
}
