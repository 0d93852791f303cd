import "maplibre-gl/dist/maplibre-gl.css";
import maplibregl, { type StyleSpecification } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";

interface LatLng {
  lat: number;
  lng: number;
}

interface Props {
  store: LatLng;
  dropoff: LatLng;
  driver: LatLng | null;
}

/** A local style: no tile server, no glyphs, no sprites (VITE_MAP_TILE_URL adds raster tiles in production). */
function localStyle(): StyleSpecification {
  const tiles = import.meta.env.VITE_MAP_TILE_URL as string | undefined;
  return {
    version: 8,
    sources: tiles ? { base: { type: "raster", tiles: [tiles], tileSize: 256 } } : {},
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#efe7dc" } },
      ...(tiles ? [{ id: "base", type: "raster" as const, source: "base" }] : []),
    ],
  };
}

function webglAvailable(): boolean {
  try {
    const canvas = document.createElement("canvas");
    return Boolean(canvas.getContext("webgl2") ?? canvas.getContext("webgl"));
  } catch {
    return false;
  }
}

/** Store → customer route line with the driver's marker; an SVG plot of the same when WebGL is missing. */
export default function RouteMap(props: Props) {
  const [fallback, setFallback] = useState(() => !webglAvailable());
  return fallback ? <SvgRoute {...props} /> : <GlRoute {...props} onFail={() => setFallback(true)} />;
}

function GlRoute({ store, dropoff, driver, onFail }: Props & { onFail(): void }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const driverMarker = useRef<maplibregl.Marker | null>(null);

  useEffect(() => {
    if (!box.current) return;
    let m: maplibregl.Map;
    try {
      m = new maplibregl.Map({
        container: box.current,
        style: localStyle(),
        bounds: [
          [Math.min(store.lng, dropoff.lng), Math.min(store.lat, dropoff.lat)],
          [Math.max(store.lng, dropoff.lng), Math.max(store.lat, dropoff.lat)],
        ],
        fitBoundsOptions: { padding: 40 },
        attributionControl: false,
      });
    } catch {
      onFail();
      return;
    }
    map.current = m;
    m.on("error", (e) => {
      if (/webgl/i.test(String(e.error?.message))) onFail();
    });
    m.on("load", () => {
      m.addSource("route", {
        type: "geojson",
        data: {
          type: "Feature",
          properties: {},
          geometry: {
            type: "LineString",
            coordinates: [
              [store.lng, store.lat],
              [dropoff.lng, dropoff.lat],
            ],
          },
        },
      });
      m.addLayer({
        id: "route",
        type: "line",
        source: "route",
        paint: { "line-color": "#b3261e", "line-width": 4, "line-dasharray": [2, 1] },
      });
      m.addSource("ends", {
        type: "geojson",
        data: {
          type: "FeatureCollection",
          features: [
            {
              type: "Feature",
              properties: { kind: "store" },
              geometry: { type: "Point", coordinates: [store.lng, store.lat] },
            },
            {
              type: "Feature",
              properties: { kind: "dropoff" },
              geometry: { type: "Point", coordinates: [dropoff.lng, dropoff.lat] },
            },
          ],
        },
      });
      m.addLayer({
        id: "ends",
        type: "circle",
        source: "ends",
        paint: {
          "circle-radius": 9,
          "circle-color": ["match", ["get", "kind"], "store", "#b3261e", "#1f7a3a"],
          "circle-stroke-color": "#fff",
          "circle-stroke-width": 3,
        },
      });
    });
    return () => {
      m.remove();
      map.current = null;
      driverMarker.current = null;
    };
  }, [store.lat, store.lng, dropoff.lat, dropoff.lng, onFail]);

  useEffect(() => {
    const m = map.current;
    if (!m || !driver) return;
    if (!driverMarker.current) {
      const el = document.createElement("div");
      el.className = "driver-marker";
      el.dataset.testid = "driver-marker";
      el.setAttribute("aria-label", "You");
      driverMarker.current = new maplibregl.Marker({ element: el })
        .setLngLat([driver.lng, driver.lat])
        .addTo(m);
    } else {
      driverMarker.current.setLngLat([driver.lng, driver.lat]);
    }
  }, [driver]);

  return (
    <div
      className="route-map"
      role="img"
      aria-label="Map of the route from the store to the customer"
      data-testid="route-map"
      data-renderer="webgl"
    >
      <div ref={box} className="route-map__canvas" />
      <Legend />
    </div>
  );
}

function SvgRoute({ store, dropoff, driver }: Props) {
  const pts = [store, dropoff, ...(driver ? [driver] : [])];
  const minLat = Math.min(...pts.map((p) => p.lat));
  const maxLat = Math.max(...pts.map((p) => p.lat));
  const minLng = Math.min(...pts.map((p) => p.lng));
  const maxLng = Math.max(...pts.map((p) => p.lng));
  const w = 320;
  const h = 180;
  const pad = 24;
  const spanLat = Math.max(maxLat - minLat, 1e-4);
  const spanLng = Math.max(maxLng - minLng, 1e-4) * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = Math.min((w - 2 * pad) / spanLng, (h - 2 * pad) / spanLat);
  const cosLat = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const cx = (minLng + maxLng) / 2;
  const cy = (minLat + maxLat) / 2;
  const x = (p: LatLng) => w / 2 + (p.lng - cx) * cosLat * scale;
  const y = (p: LatLng) => h / 2 - (p.lat - cy) * scale;
  return (
    <div className="route-map" data-testid="route-map" data-renderer="svg">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label="Map of the route from the store to the customer">
        <rect width={w} height={h} fill="#efe7dc" />
        <line
          x1={x(store)}
          y1={y(store)}
          x2={x(dropoff)}
          y2={y(dropoff)}
          stroke="#b3261e"
          strokeWidth={4}
          strokeDasharray="8 4"
        />
        <circle cx={x(store)} cy={y(store)} r={8} fill="#b3261e" stroke="#fff" strokeWidth={3} />
        <circle cx={x(dropoff)} cy={y(dropoff)} r={8} fill="#1f7a3a" stroke="#fff" strokeWidth={3} />
        {driver ? (
          <circle
            data-testid="driver-marker"
            cx={x(driver)}
            cy={y(driver)}
            r={7}
            fill="#1d4ed8"
            stroke="#fff"
            strokeWidth={3}
          />
        ) : null}
      </svg>
      <Legend />
    </div>
  );
}

function Legend() {
  return (
    <ul className="route-map__legend small">
      <li>
        <span className="dot dot--store" aria-hidden="true" /> Store
      </li>
      <li>
        <span className="dot dot--dropoff" aria-hidden="true" /> Customer
      </li>
      <li>
        <span className="dot dot--driver" aria-hidden="true" /> You
      </li>
    </ul>
  );
}
