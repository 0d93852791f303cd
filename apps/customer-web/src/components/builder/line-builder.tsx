// The builder of one line: a pizza (size, crust, sauce, cheese, toppings by half, drawn as chosen) or
// anything else with its options, priced live by the server; adds to the cart or saves to a placed order.
import { errorMessage } from "@pizza/ui";
import { useState } from "react";
import { useT } from "../../i18n/index.tsx";
import { appLocale } from "../../lib/app-locale.ts";
import { type LineChoices, useLineChoices } from "../../lib/use-line-choices.ts";
import { useLineQuote } from "../../lib/use-line-quote.ts";
import { moneyIn } from "../../money.ts";
import { addLine, type CartLineInput, type MenuData } from "../../order-state.ts";
import { Link, navigate } from "../../router.tsx";
import { type DrawnTopping, PizzaDrawing } from "../pizza-drawing.tsx";
import { CheeseChoice, CrustChoice, SauceChoice, SizeChoice } from "./base-choices.tsx";
import { BuilderBar } from "./builder-bar.tsx";
import { OptionGroups } from "./option-groups.tsx";
import { STOCK_NOTICE_ID, StockNotice } from "./stock-notice.tsx";
import { ToppingChoices } from "./topping-choices.tsx";

const list = (names: string[]) => new Intl.ListFormat(appLocale(), { type: "conjunction" }).format(names);

export interface LineBuilderProps {
  menu: MenuData;
  itemId: string;
  editing: { key: string; line: CartLineInput } | undefined;
  channel?: "delivery" | "carryout";
  /** Set when the builder changes a placed order instead of the cart. */
  order?: {
    number: number;
    back: string;
    save(name: string, line: CartLineInput): Promise<string | null>;
    saving: boolean;
  };
}

export function LineBuilder({ menu, itemId, editing, channel, order }: LineBuilderProps) {
  const t = useT();
  const [saveError, setSaveError] = useState("");
  const item = menu.items.find((i) => i.id === itemId)!;
  const money = moneyIn(menu.region);
  const choices = useLineChoices(menu, item, editing?.line);
  const { isPizza, line, size, crust } = choices;
  const { quote, stale } = useLineQuote(menu, line, channel);

  const crustInfo = menu.crusts.find((c) => c.id === crust);
  const crustProblem =
    isPizza && crustInfo && crustInfo.prices[size] === undefined
      ? t("builder.crustOnlyIn", {
          crust: crustInfo.name,
          sizes: list(
            Object.keys(crustInfo.prices).map((id) => menu.sizes.find((s) => s.id === id)?.name ?? id),
          ),
        })
      : null;
  const sizeInfo = menu.sizes.find((s) => s.id === size);
  // Out of stock: said once by the notice (the quote's refusal would only repeat it).
  const serverReason = quote.isError && item.available ? errorMessage(quote.error) : null;
  const canAdd = item.available && !crustProblem && !serverReason && quote.data !== undefined && !stale;

  async function add() {
    const name = isPizza
      ? `${item.name} · ${sizeInfo?.name ?? size}`
      : `${item.name}${size ? ` · ${item.variants.find((v) => v.id === size)?.name ?? size}` : ""}`;
    if (order) {
      setSaveError((await order.save(name, line)) ?? "");
      return;
    }
    addLine(name, line, editing?.key);
    navigate(editing ? "/cart" : "/menu");
  }

  return (
    <div className="page page--wide builder" lang={menu.locale}>
      <div className="builder__grid">
        <BuilderPreview menu={menu} item={item} choices={choices} order={order} />
        <div className="stack builder__choices">
          <SizeChoice item={item} choices={choices} money={money} />
          {isPizza ? (
            <>
              <CrustChoice menu={menu} choices={choices} money={money} crustProblem={crustProblem} />
              <SauceChoice menu={menu} choices={choices} />
              <CheeseChoice menu={menu} choices={choices} money={money} />
              <ToppingChoices menu={menu} choices={choices} money={money} />
            </>
          ) : (
            <OptionGroups item={item} choices={choices} money={money} />
          )}
          <StockNotice available={item.available} />
          <BuilderBar
            reasonId={item.available ? undefined : STOCK_NOTICE_ID}
            choices={choices}
            serverReason={item.available ? serverReason : "out of stock"}
            unit={quote.data?.lines[0]?.unitPrice}
            stale={stale}
            canAdd={Boolean(canAdd)}
            editing={Boolean(editing)}
            order={order}
            money={money}
            add={add}
          />
          {saveError ? (
            <p className="alert alert--error" role="alert" data-testid="order-change-error">
              {saveError}
            </p>
          ) : null}
          {serverReason ? (
            <p className="alert alert--error" role="alert" data-testid="builder-reason">
              {serverReason}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The item's name and description and, for a pizza, its drawing with the chosen sauce, cheese and toppings. */
function BuilderPreview({
  menu,
  item,
  choices,
  order,
}: {
  menu: MenuData;
  item: MenuData["items"][number];
  choices: LineChoices;
  order: LineBuilderProps["order"];
}) {
  const tr = useT();
  const { isPizza, size, sauce, cheese, toppings } = choices;
  const drawn: DrawnTopping[] = Object.entries(toppings).map(([id, t]) => ({
    id,
    name: menu.toppings.find((x) => x.id === id)?.name ?? id,
    ...t,
  }));
  return (
    <div className="builder__preview stack">
      {order ? (
        <p className="small">
          {tr("builder.changingOrder", { number: order.number })} ·{" "}
          <Link to={order.back}>{tr("builder.backToOrder")}</Link>
        </p>
      ) : null}
      <h1>{item.name}</h1>
      {item.description ? <p className="muted">{item.description}</p> : null}
      {isPizza ? (
        <PizzaDrawing
          sizeCm={menu.sizes.find((s) => s.id === size)?.diameterCm ?? 30}
          sauce={sauce || null}
          cheese={cheese}
          toppings={drawn}
        />
      ) : null}
    </div>
  );
}
