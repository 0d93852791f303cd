import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../api-provider.tsx";
import { boundsOf, useHexagonRings } from "./geometry.ts";
import type { Basemap, Bounds, MapMarker } from "./types.ts";

/** Under the API's 0.2° limit (after rounding): a district around the zones is what people recognise. */
const MAX_SPAN = 0.19;
/** Streets a little beyond the frame, so the edges of the map are named too. */
const MARGIN = 0.3;

/** Rounded to ~100 m so small changes of the frame (a pin moved) reuse the answer. */
const round = (x: number) => Math.round(x * 1000) / 1000;

function area(b: Bounds): Bounds {
  const dx = Math.min((b.east - b.west) * (1 + 2 * MARGIN), MAX_SPAN) / 2;
  const dy = Math.min((b.north - b.south) * (1 + 2 * MARGIN), MAX_SPAN) / 2;
  const cx = (b.east + b.west) / 2;
  const cy = (b.north + b.south) / 2;
  return { west: round(cx - dx), east: round(cx + dx), south: round(cy - dy), north: round(cy + dy) };
}

/**
 * What a `LocalMap` draws underneath: the configured street style (MAP_STYLE_URL), or the embedded
 * gazetteer's named streets and landmarks around the zones and the still markers. Undefined while
 * loading or when the API cannot say: the map still shows zones and markers.
 */
export function useBasemap({
  cells = [],
  markers = [],
  locale,
}: {
  cells?: readonly string[];
  markers?: readonly MapMarker[];
  locale: string;
}): Basemap | undefined {
  const trpc = useTRPC();
  const rings = useHexagonRings(cells);
  const still = markers.filter((m) => m.kind !== "driver").map((m) => m.position);
  const frame = boundsOf(rings, still.length > 0 ? still : markers.map((m) => m.position));
  const input = frame ? { ...area(frame), locale } : skipToken;
  const query = useQuery({
    ...trpc.geo.basemap.queryOptions(input),
    staleTime: Number.POSITIVE_INFINITY,
    // The frame grows as zones arrive: keep the streets drawn meanwhile.
    placeholderData: keepPreviousData,
  });
  return query.data;
}
