import type { Basemap } from "@pizza/contracts";

export type { Basemap, BasemapLandmark, BasemapStreet } from "@pizza/contracts";

/** A point on the map, WGS84 degrees. */
export interface LngLat {
  lng: number;
  lat: number;
}

export type MarkerKind = "store" | "driver" | "destination" | "pin";

export interface MapMarker {
  /** Stable id: a marker with the same id that moves is animated to its new place, not re-created. */
  id: string;
  kind: MarkerKind;
  position: LngLat;
  /** Accessible name, e.g. "Your driver" or "Pronto Pizza Midtown". */
  label: string;
}

export interface LocalMapProps {
  /** Accessible description of the map as a whole. */
  label: string;
  /** Delivery-zone H3 cells (any resolution), drawn as hexagons. */
  cells?: readonly string[];
  markers?: readonly MapMarker[];
  /** Called with the clicked place: lets people drop a pin. */
  onPick?: (point: LngLat) => void;
  /** CSS height; default 18rem. */
  height?: string;
  className?: string;
  /** Optional raster tile URL template (production). Without it the map uses a plain local base. */
  tileUrl?: string;
  /** What to draw under zones and markers: a MapLibre style, or named streets (see `useBasemap`). */
  basemap?: Basemap | undefined;
  /** "svg" forces the fallback (tests, no WebGL); "auto" uses MapLibre when WebGL is available. */
  renderer?: "auto" | "svg";
  /** Milliseconds a moving marker takes to glide to its new position. Default 900. */
  glideMs?: number;
}

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}
