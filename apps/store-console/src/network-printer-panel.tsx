// The store's network receipt printer (Store & stock tab): with one set, the server sends kitchen and
// delivery tickets to it as ESC/POS over TCP when a ticket is claimed or reprinted, and the stations'
// browsers print nothing themselves. The store's manager and admins set it; crew see what is set.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { TextField } from "./text-field.tsx";

export function NetworkPrinterPanel({ storeId }: { storeId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.store.ticketPrinter.queryOptions({ storeId }));
  const [host, setHost] = useState("");
  const [port, setPort] = useState("9100");
  const [paper, setPaper] = useState<"80" | "58">("80");
  const [hostError, setHostError] = useState<string | null>(null);
  const [note, setNote] = useFormNote();
  const set = useMutation(
    trpc.store.setTicketPrinter.mutationOptions({
      onSuccess: (r) => {
        setNote({
          ok: true,
          text: r.printer
            ? `Tickets now go to the printer at ${r.printer.host}:${r.printer.port}.`
            : "No network printer: each station's browser prints its tickets.",
        });
        void queryClient.invalidateQueries({ queryKey: trpc.store.ticketPrinter.queryKey({ storeId }) });
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const s = settings.data;
  if (!s) return null;
  const now = s.printer ? `${s.printer.host}:${s.printer.port}, ${s.printer.paper} mm paper` : null;
  return (
    <section className="card stack" aria-labelledby="network-printer-title">
      <h2 id="network-printer-title">Network ticket printer</h2>
      <p className="small" data-testid="network-printer-now">
        {now
          ? `Kitchen and delivery tickets print on ${now} (ESC/POS, sent by the server).`
          : "None: each station's browser prints its tickets."}
      </p>
      {s.canEdit ? (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setNote(null);
            if (!host.trim()) return setHostError("Enter the printer's address, e.g. 192.168.1.50.");
            setHostError(null);
            set.mutate({ storeId, printer: { host: host.trim(), port: Number(port), paper } });
          }}
        >
          <TextField
            id="printer-host"
            label="Printer address (host name or IP)"
            value={host}
            error={hostError}
            onValue={setHost}
            autoComplete="off"
          />
          <TextField
            id="printer-port"
            label="Port (raw printing, 9100–9109)"
            inputMode="numeric"
            value={port}
            onValue={setPort}
          />
          <label className="field">
            <span className="field__label">Paper</span>
            <select
              className="input"
              value={paper}
              onChange={(e) => setPaper(e.target.value === "58" ? "58" : "80")}
            >
              <option value="80">80 mm</option>
              <option value="58">58 mm</option>
            </select>
          </label>
          <div className="row">
            <button type="submit" className="button button--primary" disabled={set.isPending}>
              Save printer
            </button>
            {s.printer ? (
              <button
                type="button"
                className="button"
                disabled={set.isPending}
                onClick={() => set.mutate({ storeId, printer: null })}
              >
                Remove printer
              </button>
            ) : null}
          </div>
          <FormNote note={note} />
        </form>
      ) : null}
    </section>
  );
}
