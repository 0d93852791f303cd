import { placeLandmarkLabels, placeStreetLabels } from "./street-labels.ts";
import type { Basemap } from "./types.ts";

interface Projection {
  x(lng: number): number;
  y(lat: number): number;
}

const HALO = { paintOrder: "stroke", stroke: "#f3efe7", strokeWidth: 3, strokeLinejoin: "round" } as const;

/** The embedded base map in SVG: streets as white roads, their names along them, landmarks as dots. */
export function SvgBasemap({ basemap, projection }: { basemap: Basemap; projection: Projection }) {
  const project = (lng: number, lat: number): [number, number] => [projection.x(lng), projection.y(lat)];
  const labels = placeStreetLabels(basemap.streets, project);
  const landmarks = placeLandmarkLabels(basemap.landmarks, project, labels);
  return (
    <g data-testid="map-basemap">
      {[7, 5].map((width) =>
        basemap.streets.map((s) => (
          <polyline
            key={`${s.id}-${width}`}
            points={s.line
              .map(([lng, lat]) =>
                project(lng, lat)
                  .map((v) => v.toFixed(1))
                  .join(","),
              )
              .join(" ")}
            fill="none"
            stroke={width === 7 ? "#dccfbf" : "#ffffff"}
            strokeWidth={width}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        )),
      )}
      {labels.map((l) => (
        <text
          key={l.id}
          data-testid="map-street-name"
          transform={`translate(${l.x.toFixed(1)} ${l.y.toFixed(1)}) rotate(${l.angle.toFixed(1)})`}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={10}
          fill="#6b5d52"
          fontFamily="system-ui, sans-serif"
          style={HALO}
        >
          {l.name}
        </text>
      ))}
      {landmarks.map(({ id, name, x, y }) => {
        return (
          <g key={id} transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`} data-testid="map-landmark">
            <circle r={3} fill="#8a7a6b" />
            <text x={6} dominantBaseline="central" fontSize={10} fontWeight={600} fill="#4a3f37" style={HALO}>
              {name}
            </text>
          </g>
        );
      })}
    </g>
  );
}
