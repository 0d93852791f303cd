// The scheduled prices of what the Menu tab prices (issue 22), each with a Cancel button: a price with a
// start date can be withdrawn until that moment (menuAdmin.cancelScheduledPrice); customers never see it.
import { formatMoney } from "@pizza/contracts";
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { FormNote, useFormNote } from "./form-note.tsx";
import type { CatalogueEntry, Menu } from "./store-api-types.ts";

export function ScheduledPrices({
  scheduled,
  region,
  onCancelled,
}: {
  scheduled: CatalogueEntry["scheduled"];
  region: Menu["region"];
  onCancelled(): void;
}) {
  const trpc = useTRPC();
  const [note, setNote] = useFormNote();
  const money = (minor: number) => formatMoney(minor, region.currency, region.currencyDigits);
  const cancel = useMutation(
    trpc.menuAdmin.cancelScheduledPrice.mutationOptions({
      onSuccess: (r) => {
        setNote({
          ok: true,
          text: `Cancelled ${money(r.amount)} from ${new Date(r.from).toLocaleString()}.`,
        });
        onCancelled();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  if (scheduled.length === 0) return <FormNote note={note} />;
  return (
    <>
      <ul aria-label="Scheduled prices" className="small stack">
        {scheduled.map((s) => {
          const what = `${s.variant || "one size"}: ${money(s.amount)} from ${new Date(s.from).toLocaleString()}`;
          return (
            <li key={s.id}>
              {what}{" "}
              <button
                type="button"
                className="button button--small"
                aria-label={`Cancel ${what}`}
                disabled={cancel.isPending}
                onClick={() => {
                  setNote(null);
                  cancel.mutate({ id: s.id });
                }}
              >
                Cancel
              </button>
            </li>
          );
        })}
      </ul>
      <FormNote note={note} />
    </>
  );
}
