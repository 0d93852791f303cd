import { useUiText } from "../ui-text.tsx";
import "./map.css";
import { Component, lazy, type ReactNode, Suspense, useCallback, useState } from "react";
import { hasWebGL, MARKER_STYLE } from "./geometry.ts";
import { SvgMap } from "./svg-map.tsx";
import type { LocalMapProps, MapMarker, MarkerKind } from "./types.ts";

// MapLibre is large: it is fetched only when a map is actually shown, so first pages stay small.
const MapLibreMap = lazy(() => import("./maplibre-map.tsx"));

class FallbackOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * A map with no remote dependency: delivery-zone hexagons (H3 cells), store/driver/destination/pin
 * markers, framed to fit, a moving driver gliding between positions. MapLibre (WebGL) when the browser
 * can, otherwise — or if MapLibre fails to load or to get a context — the same features drawn as SVG.
 * Markers carry `data-testid="map-<kind>"` in both renderers.
 */
export function LocalMap(props: LocalMapProps) {
  return (
    <div className="local-map-wrap">
      <MapBody {...props} />
      <Legend markers={props.markers ?? []} zones={(props.cells?.length ?? 0) > 0} />
    </div>
  );
}

function Legend({ markers, zones }: { markers: readonly MapMarker[]; zones: boolean }) {
  const text = useUiText();
  const NAMES: Record<MarkerKind, string> = {
    store: text.mapStore,
    driver: text.mapDriver,
    destination: text.mapDestination,
    pin: text.mapPin,
  };
  const kinds = [...new Set(markers.map((m) => m.kind))];
  if (kinds.length === 0 && !zones) return null;
  return (
    <ul className="local-map__legend" aria-label={text.mapLegend}>
      {kinds.map((k) => (
        <li key={k}>
          <span className="local-map__key" style={{ background: MARKER_STYLE[k].color }} aria-hidden="true">
            {MARKER_STYLE[k].glyph}
          </span>
          {NAMES[k]}
        </li>
      ))}
      {zones ? (
        <li>
          <span className="local-map__key local-map__key--zone" aria-hidden="true" />
          {text.mapZone}
        </li>
      ) : null}
    </ul>
  );
}

function MapBody(props: LocalMapProps) {
  const text = useUiText();
  const [failed, setFailed] = useState(false);
  const onFail = useCallback(() => setFailed(true), []);
  const [webgl] = useState(() => props.renderer !== "svg" && typeof document !== "undefined" && hasWebGL());
  const svg = <SvgMap {...props} />;
  if (!webgl || failed) return svg;
  return (
    <FallbackOnError fallback={svg}>
      <Suspense
        fallback={
          <div
            className={`local-map local-map--loading ${props.className ?? ""}`}
            style={{ height: props.height ?? "18rem" }}
          >
            <span className="muted">{text.mapLoading}</span>
          </div>
        }
      >
        <MapLibreMap {...props} onFail={onFail} />
      </Suspense>
    </FallbackOnError>
  );
}
