import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import type { Start } from "../order-state.ts";
import { appLocale, useUiLocale } from "./app-locale.ts";

/**
 * The chosen store's menu in the customer's language (dish names come back translated from the API);
 * switching the language asks for it again.
 */
export function useMenu(start: Start | null) {
  const trpc = useTRPC();
  useUiLocale();
  return useQuery({
    ...trpc.menu.getMenu.queryOptions({ storeId: start?.storeId, locale: appLocale() }),
    enabled: start !== null,
    staleTime: 30_000,
  });
}
