export { LocalMap } from "./local-map.tsx";
export type {
  Basemap,
  BasemapLandmark,
  BasemapStreet,
  Bounds,
  LngLat,
  LocalMapProps,
  MapMarker,
  MarkerKind,
} from "./types.ts";
export { useBasemap } from "./use-basemap.ts";
