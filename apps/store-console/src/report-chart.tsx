// One chart of the Reports tab, drawn by Chart.js on a canvas (only the parts these charts use are
// registered, and the whole library sits in the Reports tab's lazily loaded chunk). The canvas is an image
// whose label summarises it; the table beside each chart is its full text alternative.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const COLOURS = ["#b3261e", "#1f5fa8", "#2e7d32", "#6a3fa0"];

export interface Series {
  label: string;
  values: (number | null)[];
}

export function ReportChart(props: {
  title: string;
  kind: "bar" | "line";
  labels: string[];
  series: Series[];
  summary: string;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = JSON.stringify([props.kind, props.labels, props.series]);
  useEffect(() => {
    if (!canvas.current) return;
    const [kind, labels, series] = JSON.parse(data) as [typeof props.kind, string[], Series[]];
    const chart = new Chart(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, spanGaps: true },
    });
    return () => chart.destroy();
  }, [data]);
  return (
    <figure className="report-chart" data-testid={props.testId}>
      <figcaption className="small">{props.title}</figcaption>
      <div className="report-chart__canvas">
        <canvas ref={canvas} role="img" aria-label={props.summary} />
      </div>
    </figure>
  );
}
