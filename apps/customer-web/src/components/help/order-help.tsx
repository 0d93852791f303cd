// "Problem with my order" (issue 16), on the tracker and in the order history: the latest request's
// outcome (refunded, credited with a code, declined with the store's reason, or waiting), and a button
// that opens the form (help-form.tsx) when the order can be helped with and nothing is open.

import type { AppRouter } from "@pizza/api/router";
import { useSession, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { type MessageKey, useT } from "../../i18n/index.tsx";
import { orderMoney } from "../../money.ts";
import { HelpForm } from "./help-form.tsx";

type HelpView = inferRouterOutputs<AppRouter>["help"]["mine"][number];

const KIND: Record<HelpView["kind"], MessageKey> = {
  missing_item: "help.short.missing",
  wrong_item: "help.short.wrong",
  late: "help.short.late",
  quality: "help.short.quality",
  other: "help.kind.other",
};

export function OrderHelp({ orderId, status }: { orderId: string; status: string }) {
  const t = useT();
  const trpc = useTRPC();
  const { user } = useSession();
  // One query for the whole order history (the latest request of each order), shared by every row.
  // While a request waits for the store, look again every 20 s so the answer shows without a reload.
  const mine = useQuery({
    ...trpc.help.mine.queryOptions({}),
    enabled: user !== null,
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "open") ? 20_000 : false),
  });
  const [open, setOpen] = useState(false);
  if (!user || status === "pending_payment" || status === "cancelled" || !mine.data) return null;
  const latest = mine.data.find((r) => r.orderId === orderId);
  return (
    <div className="stack stack--tight order-help" data-testid="order-help">
      {latest ? <HelpOutcome request={latest} /> : null}
      {latest?.status === "open" ? null : open ? (
        <HelpForm orderId={orderId} onDone={() => setOpen(false)} />
      ) : (
        <button type="button" className="button button--small button--ghost" onClick={() => setOpen(true)}>
          {t("help.title")}
        </button>
      )}
    </div>
  );
}

function HelpOutcome({ request: r }: { request: HelpView }) {
  const t = useT();
  const amount = (n: number | null) => (n === null ? "" : orderMoney(n, r.currency));
  const title =
    r.status === "open"
      ? t("help.open")
      : r.status === "refunded"
        ? t("help.refunded", { amount: amount(r.refundAmount) })
        : r.status === "credited"
          ? t("help.credited", { amount: amount(r.creditAmount) })
          : t("help.declined");
  return (
    <div
      className={`alert ${r.status === "declined" ? "alert--error" : r.status === "open" ? "alert--info" : "alert--success"} stack stack--tight`}
      role="status"
      data-testid="help-outcome"
      data-status={r.status}
    >
      <strong>
        {t(KIND[r.kind])}: {title}
      </strong>
      {r.creditCode ? (
        <span>
          {t("help.code")} <code className="order-help__code">{r.creditCode}</code> {t("help.codeOnce")}
        </span>
      ) : null}
      {r.resolutionNote && r.status !== "open" ? <span>“{r.resolutionNote}”</span> : null}
    </div>
  );
}
