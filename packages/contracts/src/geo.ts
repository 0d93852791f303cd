export interface LatLng {
  lat: number;
  lng: number;
}

/** Mean Earth radius (IUGG), metres: the one radius for stores, drivers and the apps. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres; exact enough for ranking and ETAs at city scale. */
export function haversineM(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLng / 2);
  const h = s1 * s1 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A street of the embedded base map (the API's `geo.basemap`), its course as [lng, lat] pairs. */
export interface BasemapStreet {
  id: string;
  name: string;
  line: [number, number][];
}

export interface BasemapLandmark {
  id: string;
  name: string;
  lng: number;
  lat: number;
}

/** What a map draws under zones and markers: MAP_STYLE_URL's style, or named streets and landmarks. */
export interface Basemap {
  /** A MapLibre style to draw instead of the plain local base; null: draw `streets` and `landmarks`. */
  styleUrl: string | null;
  streets: BasemapStreet[];
  landmarks: BasemapLandmark[];
}
