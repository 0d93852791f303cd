// Suggestions for what the customer is typing into an address field: one geo.search per pause in typing.
import { useTRPC } from "@pizza/ui";
import type { LngLat } from "@pizza/ui/map";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Place } from "../api-types.ts";
import { appLocale } from "./app-locale.ts";
import { useDebounced } from "./use-debounced.ts";

/** Fewer characters than this say too little to search for (the server refuses them too). */
export const MIN_SEARCH = 2;

/** Places matching `text` near `near`, best first; empty while the text is too short or the list is closed. */
export function useAddressSearch(text: string, near: LngLat | null, enabled: boolean) {
  const trpc = useTRPC();
  const query = useDebounced(text.trim(), 250);
  const search = useQuery({
    ...trpc.geo.search.queryOptions({
      query,
      locale: appLocale(),
      ...(near ? { near: { lat: near.lat, lng: near.lng } } : {}),
    }),
    enabled: enabled && query.length >= MIN_SEARCH,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const places: Place[] = enabled && query.length >= MIN_SEARCH ? (search.data ?? []) : [];
  return { places, error: search.isError ? search.error : null, pending: search.isFetching };
}
