import { type MouseEvent, useMemo } from "react";
import { MARKER_STYLE, useHexagonRings } from "./geometry.ts";
import { SvgBasemap } from "./svg-basemap.tsx";
import type { LocalMapProps } from "./types.ts";
import { useFrame, useGlidingMarkers } from "./use-glide.ts";

const W = 640;
const H = 400;
const PAD = 28;

/**
 * The same features as the MapLibre map, drawn as SVG: used when WebGL is unavailable (some headless
 * browsers, old devices) so the page never shows a broken map.
 */
export function SvgMap({
  label,
  cells = [],
  markers = [],
  onPick,
  height = "18rem",
  className,
  glideMs = 900,
  basemap,
}: LocalMapProps) {
  const rings = useHexagonRings(cells);
  const shown = useGlidingMarkers(markers, glideMs);

  // Fit to the zones and the still markers (the frame stays put while the driver moves).
  const frame = useFrame(rings, markers);
  const projection = useMemo(() => {
    const b = frame ?? {
      west: -0.01,
      east: 0.01,
      south: -0.01,
      north: 0.01,
    };
    const midLat = ((b.north + b.south) / 2) * (Math.PI / 180);
    const kx = Math.cos(midLat);
    const spanX = (b.east - b.west) * kx;
    const spanY = b.north - b.south;
    const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
    const ox = (W - spanX * scale) / 2;
    const oy = (H - spanY * scale) / 2;
    return {
      x: (lng: number) => ox + (lng - b.west) * kx * scale,
      y: (lat: number) => oy + (b.north - lat) * scale,
      lng: (x: number) => b.west + (x - ox) / (kx * scale),
      lat: (y: number) => b.north - (y - oy) / scale,
    };
  }, [frame]);

  function pick(event: MouseEvent<SVGSVGElement>) {
    if (!onPick) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const sx = ((event.clientX - rect.left) / rect.width) * W;
    const sy = ((event.clientY - rect.top) / rect.height) * H;
    onPick({ lng: projection.lng(sx), lat: projection.lat(sy) });
  }

  return (
    <div className={`local-map local-map--svg ${className ?? ""}`} style={{ height }} data-renderer="svg">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: dropping a pin is a pointer convenience; typing the address is the keyboard path */}
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="xMidYMid meet"
        role="img"
        aria-label={label}
        onClick={pick}
        style={{ width: "100%", height: "100%", cursor: onPick ? "crosshair" : "default", display: "block" }}
      >
        <rect width={W} height={H} fill="#f3efe7" />
        {basemap ? <SvgBasemap basemap={basemap} projection={projection} /> : null}
        {rings.map((ring, i) => (
          <polygon
            // biome-ignore lint/suspicious/noArrayIndexKey: rings are positional
            key={i}
            points={ring
              .map(([lng, lat]) => `${projection.x(lng).toFixed(1)},${projection.y(lat).toFixed(1)}`)
              .join(" ")}
            fill="rgba(228, 87, 46, 0.14)"
            stroke="rgba(179, 38, 30, 0.55)"
            strokeWidth={1}
          />
        ))}
        {shown.map((m) => {
          const s = MARKER_STYLE[m.kind];
          const x = projection.x(m.position.lng);
          const y = projection.y(m.position.lat);
          return (
            <g
              key={m.id}
              transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}
              data-testid={`map-${m.kind}`}
              data-lng={m.position.lng.toFixed(6)}
              data-lat={m.position.lat.toFixed(6)}
            >
              <title>{m.label}</title>
              <circle r={15} fill={s.color} stroke="#fff" strokeWidth={3} />
              <text
                textAnchor="middle"
                dominantBaseline="central"
                fontSize={14}
                fontWeight={700}
                fill="#fff"
                fontFamily="system-ui, sans-serif"
              >
                {s.glyph}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
