import "maplibre-gl/dist/maplibre-gl.css";
import { type GeoJSONSource, Map as MapLibre, Marker } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import { MARKER_STYLE, useHexagonRings } from "./geometry.ts";
import { addOverlays, drawBasemap, localStyle } from "./maplibre-basemap.ts";
import type { LocalMapProps, MapMarker } from "./types.ts";
import { useFrame, useGlidingMarkers } from "./use-glide.ts";

function markerElement(m: MapMarker): HTMLElement {
  const s = MARKER_STYLE[m.kind];
  const el = document.createElement("div");
  el.className = `local-map__marker local-map__marker--${m.kind}`;
  el.dataset.testid = `map-${m.kind}`;
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", m.label);
  el.title = m.label;
  el.textContent = s.glyph;
  Object.assign(el.style, {
    width: "30px",
    height: "30px",
    borderRadius: "50%",
    background: s.color,
    color: "#fff",
    border: "3px solid #fff",
    display: "grid",
    placeItems: "center",
    fontSize: "14px",
    fontWeight: "700",
    fontFamily: "system-ui, sans-serif",
    boxShadow: "0 1px 4px rgba(0,0,0,.3)",
  });
  return el;
}

/** The WebGL map (MapLibre), loaded lazily by LocalMap. `onFail` switches to the SVG fallback. */
export default function MapLibreMap({
  label,
  cells = [],
  markers = [],
  onPick,
  height = "18rem",
  className,
  tileUrl,
  glideMs = 900,
  basemap,
  onFail,
}: LocalMapProps & { onFail(): void }) {
  const container = useRef<HTMLElement>(null);
  const map = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const rings = useHexagonRings(cells);
  const pins = useRef(new Map<string, Marker>());
  const labels = useRef<Marker[]>([]);
  const styleUrl = basemap?.styleUrl ?? null;
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const shown = useGlidingMarkers(markers, glideMs);

  useEffect(() => {
    if (!container.current) return;
    let instance: MapLibre;
    try {
      instance = new MapLibre({
        container: container.current,
        style: styleUrl ?? localStyle(tileUrl),
        center: [0, 0],
        zoom: 1,
        attributionControl: false,
      });
    } catch {
      onFail();
      return;
    }
    map.current = instance;
    instance.on("error", (e) => {
      if (/webgl/i.test(String(e.error?.message))) onFail();
    });
    instance.on("load", () => {
      addOverlays(instance);
      setReady(true);
    });
    instance.on("click", (e) => pickRef.current?.({ lng: e.lngLat.lng, lat: e.lngLat.lat }));
    const markersNow = pins.current;
    const labelsNow = labels.current;
    return () => {
      for (const m of [...markersNow.values(), ...labelsNow.splice(0)]) m.remove();
      markersNow.clear();
      instance.remove();
      map.current = null;
      setReady(false);
    };
  }, [tileUrl, styleUrl, onFail]);

  useEffect(() => {
    if (!ready || !map.current) return;
    const source = map.current.getSource("zones") as GeoJSONSource | undefined;
    source?.setData({
      type: "FeatureCollection",
      features: rings.map((ring) => ({
        type: "Feature",
        properties: {},
        geometry: { type: "Polygon", coordinates: [ring] },
      })),
    });
  }, [ready, rings]);

  // Frame the zones and the still markers; the driver moving does not re-frame the map.
  const frame = useFrame(rings, markers);
  useEffect(() => {
    if (!ready || !map.current) return;
    const b = frame;
    if (b)
      map.current.fitBounds([b.west, b.south, b.east, b.north], { padding: 36, animate: false, maxZoom: 16 });
  }, [ready, frame]);

  // Street names follow the zoom: placed again whenever the view settles.
  useEffect(() => {
    const instance = map.current;
    if (!ready || !instance) return;
    const draw = () => drawBasemap(instance, basemap, labels.current);
    draw();
    instance.on("moveend", draw);
    return () => {
      instance.off("moveend", draw);
    };
  }, [ready, basemap]);

  useEffect(() => {
    if (!ready || !map.current) return;
    const present = new Set<string>();
    for (const m of shown) {
      present.add(m.id);
      const existing = pins.current.get(m.id);
      if (existing) existing.setLngLat([m.position.lng, m.position.lat]);
      else {
        const el = markerElement(m);
        pins.current.set(
          m.id,
          new Marker({ element: el }).setLngLat([m.position.lng, m.position.lat]).addTo(map.current),
        );
      }
      const el = pins.current.get(m.id)?.getElement();
      if (el) {
        el.dataset.lng = m.position.lng.toFixed(6);
        el.dataset.lat = m.position.lat.toFixed(6);
      }
    }
    for (const [id, marker] of pins.current) {
      if (!present.has(id)) {
        marker.remove();
        pins.current.delete(id);
      }
    }
  }, [ready, shown]);

  return (
    <section
      ref={container}
      className={`local-map local-map--gl ${className ?? ""}`}
      style={{ height }}
      data-renderer="maplibre"
      aria-label={label}
    />
  );
}
