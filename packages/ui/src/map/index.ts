export { LocalMap } from "./local-map.tsx";
export type { Bounds, LngLat, LocalMapProps, MapMarker, MarkerKind } from "./types.ts";
