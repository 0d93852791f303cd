import { type GeoJSONSource, type Map as MapLibre, Marker, type StyleSpecification } from "maplibre-gl";
import { placeLandmarkLabels, placeStreetLabels } from "./street-labels.ts";
import type { Basemap } from "./types.ts";

/** A style that needs nothing from the network: a plain background and, in production, raster tiles. */
export function localStyle(tileUrl?: string): StyleSpecification {
  return {
    version: 8,
    sources: tileUrl ? { base: { type: "raster", tiles: [tileUrl], tileSize: 256 } } : {},
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#f3efe7" } },
      ...(tileUrl ? [{ id: "base", type: "raster" as const, source: "base" }] : []),
    ],
  };
}

const EMPTY = { type: "FeatureCollection" as const, features: [] };

/** Our layers over any style (the local one or MAP_STYLE_URL's): gazetteer streets, then the zones. */
export function addOverlays(map: MapLibre): void {
  map.addSource("streets", { type: "geojson", data: EMPTY });
  map.addSource("zones", { type: "geojson", data: EMPTY });
  map.addLayer({
    id: "streets-casing",
    type: "line",
    source: "streets",
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": "#dccfbf", "line-width": 7 },
  });
  map.addLayer({
    id: "streets-line",
    type: "line",
    source: "streets",
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": "#ffffff", "line-width": 5 },
  });
  map.addLayer({
    id: "zones-fill",
    type: "fill",
    source: "zones",
    paint: { "fill-color": "#e4572e", "fill-opacity": 0.14 },
  });
  map.addLayer({
    id: "zones-line",
    type: "line",
    source: "zones",
    paint: { "line-color": "#b3261e", "line-opacity": 0.55, "line-width": 1 },
  });
}

function labelElement(text: string, kind: "street" | "landmark"): HTMLElement {
  const el = document.createElement("div");
  el.className = `local-map__label local-map__label--${kind}`;
  el.dataset.testid = kind === "street" ? "map-street-name" : "map-landmark";
  el.setAttribute("aria-hidden", "true");
  el.textContent = text;
  return el;
}

/**
 * Draws the gazetteer's streets and names them. MapLibre's own text needs glyph files from a server,
 * so names are HTML markers placed (and rotated) along each street at the current zoom.
 */
export function drawBasemap(map: MapLibre, basemap: Basemap | undefined, labels: Marker[]): void {
  for (const m of labels.splice(0)) m.remove();
  const streets = basemap?.streets ?? [];
  (map.getSource("streets") as GeoJSONSource | undefined)?.setData({
    type: "FeatureCollection",
    features: streets.map((s) => ({
      type: "Feature",
      properties: { name: s.name },
      geometry: { type: "LineString", coordinates: s.line },
    })),
  });
  const project = (lng: number, lat: number): [number, number] => {
    const p = map.project([lng, lat]);
    return [p.x, p.y];
  };
  const streetLabels = placeStreetLabels(streets, project);
  for (const l of streetLabels) {
    const at = map.unproject([l.x, l.y]);
    labels.push(
      new Marker({ element: labelElement(l.name, "street"), rotation: l.angle, rotationAlignment: "map" })
        .setLngLat(at)
        .addTo(map),
    );
  }
  for (const l of placeLandmarkLabels(basemap?.landmarks ?? [], project, streetLabels))
    labels.push(
      new Marker({ element: labelElement(l.name, "landmark"), anchor: "left" })
        .setLngLat(map.unproject([l.x, l.y]))
        .addTo(map),
    );
}
