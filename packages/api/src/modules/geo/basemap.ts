// What the apps' maps draw underneath the zones and markers. With MAP_STYLE_URL the style's own tiles
// name every street; without it, the embedded gazetteer's streets and landmarks inside the map's frame,
// named in the reader's language, so the demo cities are recognisable with no tile server.
import type { Basemap } from "@pizza/contracts";
import { LANDMARKS, STREETS } from "./gazetteer-data.ts";
import { cityOf, localName } from "./gazetteer-labels.ts";
import type { TBasemapRequest } from "./geo.schemas.ts";

/** Enough to name a district's streets; more would only crowd a phone's map. */
export const BASEMAP_LIMITS = { streets: 80, landmarks: 30 };

type Box = Pick<TBasemapRequest, "west" | "south" | "east" | "north">;

const inside = (box: Box, lng: number, lat: number) =>
  lng >= box.west && lng <= box.east && lat >= box.south && lat <= box.north;

/** A street belongs to the frame when its own box overlaps it (lines are a few hundred metres long). */
function overlaps(box: Box, line: readonly [number, number, number?][]): boolean {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const [lat, lng] of line) {
    west = Math.min(west, lng);
    east = Math.max(east, lng);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return west <= box.east && east >= box.west && south <= box.north && north >= box.south;
}

/** The gazetteer's streets and landmarks in the frame, named for `locale`'s language. */
export function gazetteerBasemap(input: TBasemapRequest): Omit<Basemap, "styleUrl"> {
  const lang = input.locale.split("-")[0]!.toLowerCase();
  const streets = STREETS.filter((s) => overlaps(input, s.line))
    .slice(0, BASEMAP_LIMITS.streets)
    .map((s) => ({
      id: s.id,
      name: localName(s.name, s.nameEn, cityOf(s.city), lang),
      line: s.line.map(([lat, lng]) => [lng, lat] as [number, number]),
    }));
  const landmarks = LANDMARKS.filter((l) => inside(input, l.lng, l.lat))
    .slice(0, BASEMAP_LIMITS.landmarks)
    .map((l) => ({
      id: l.id,
      name: localName(l.name, l.nameEn, cityOf(l.city), lang),
      lng: l.lng,
      lat: l.lat,
    }));
  return { streets, landmarks };
}
