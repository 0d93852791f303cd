// The server's price for the line being built, asked again (debounced) as the choices change.
import { useTRPC } from "@pizza/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type CartLineInput, type MenuData, useStart } from "../order-state.ts";
import { appLocale } from "./app-locale.ts";
import { useDebounced } from "./use-debounced.ts";

/** `stale` while the quote on screen is for an earlier version of the line. Guests get prices too. */
export function useLineQuote(
  menu: MenuData,
  line: CartLineInput,
  channel: "delivery" | "carryout" | undefined,
) {
  const trpc = useTRPC();
  const start = useStart();
  const settled = useDebounced(line, 200);
  const quoteInput = {
    channel: channel ?? start?.channel ?? ("carryout" as const),
    storeId: menu.store.id,
    items: [settled],
    locale: appLocale(),
  };
  const quote = useQuery({
    ...trpc.order.quote.queryOptions(quoteInput),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const stale = JSON.stringify(settled) !== JSON.stringify(line) || quote.isFetching;
  return { quote, stale };
}
