import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { type Start, startStore } from "../order-state.ts";

/**
 * The chosen store's menu in its region's language: the first answer tells us the region's locale,
 * then the menu is asked for again in it (names come back localized) and the locale is remembered.
 */
export function useMenu(start: Start | null) {
  const trpc = useTRPC();
  const menu = useQuery({
    ...trpc.menu.getMenu.queryOptions({
      storeId: start?.storeId,
      ...(start?.locale ? { locale: start.locale } : {}),
    }),
    enabled: start !== null,
    staleTime: 30_000,
  });
  const regionLocale = menu.data?.region.locale;
  useEffect(() => {
    const s = startStore.get();
    if (s && regionLocale && s.locale !== regionLocale && /^[a-z]{2}(-[A-Z]{2})?$/.test(regionLocale)) {
      startStore.set({ ...s, locale: regionLocale });
    }
  }, [regionLocale]);
  return menu;
}
