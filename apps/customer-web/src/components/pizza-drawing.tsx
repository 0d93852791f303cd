import { useT } from "../i18n/index.tsx";

export interface DrawnTopping {
  id: string;
  name: string;
  placement: "whole" | "left" | "right";
  portion: "normal" | "extra";
}

const PALETTE = [
  "#8b1e1e",
  "#2f6b2f",
  "#5b3a1e",
  "#d9480f",
  "#6b4f9e",
  "#1f6f8b",
  "#a61e4d",
  "#4d7c0f",
  "#92400e",
];

function hash(s: string) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Deterministic scatter: the same topping lands in the same places every render. */
function scatter(seed: number, count: number, side: "whole" | "left" | "right") {
  const points: { x: number; y: number }[] = [];
  let s = seed || 1;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  while (points.length < count) {
    const r = Math.sqrt(rand()) * 70;
    const a = rand() * Math.PI * 2;
    const x = Math.cos(a) * r;
    const y = Math.sin(a) * r;
    if (side === "left" && x > -4) continue;
    if (side === "right" && x < 4) continue;
    points.push({ x, y });
  }
  return points;
}

const SAUCE: Record<string, string> = {
  tomato: "#c0392b",
  bbq: "#6e2c00",
  pesto: "#4a7c2a",
  white: "#f3e9d2",
  garlic: "#efe3c4",
};
const CHEESE_OPACITY = { none: 0, light: 0.35, normal: 0.6, extra: 0.85 } as const;

/** A drawn pizza: crust, sauce, cheese and each topping on its half, so half-and-half is visible. */
export function PizzaDrawing({
  sizeCm,
  sauce,
  cheese,
  toppings,
}: {
  sizeCm: number;
  sauce: string | null;
  cheese: "none" | "light" | "normal" | "extra";
  toppings: DrawnTopping[];
}) {
  const t = useT();
  const scale = Math.max(0.7, Math.min(1, sizeCm / 36));
  const sauceColor = sauce ? (SAUCE[sauce] ?? "#c0392b") : "#e8c98f";
  const described = toppings.length
    ? toppings
        .map((top) =>
          t(`pizza.on.${top.placement}`, {
            topping: top.portion === "extra" ? t("pizza.extraTopping", { topping: top.name }) : top.name,
          }),
        )
        .join(", ")
    : t("pizza.noToppings");
  return (
    <figure className="pizza-drawing">
      <svg
        viewBox="-100 -100 200 200"
        role="img"
        aria-label={t("pizza.yours", { toppings: described })}
        data-testid="pizza-drawing"
      >
        <g transform={`scale(${scale})`}>
          <circle r={92} fill="#e0a96d" stroke="#b7793c" strokeWidth={4} />
          <circle r={80} fill={sauceColor} />
          <circle r={78} fill="#f7d26a" opacity={CHEESE_OPACITY[cheese]} />
          <line
            x1={0}
            y1={-92}
            x2={0}
            y2={92}
            stroke="#8a5a2b"
            strokeWidth={1.5}
            strokeDasharray="4 4"
            opacity={0.6}
          />
          {toppings.map((t, i) => {
            const color = PALETTE[hash(t.id) % PALETTE.length]!;
            const points = scatter(
              hash(t.id) + i,
              (t.placement === "whole" ? 10 : 6) * (t.portion === "extra" ? 2 : 1),
              t.placement,
            );
            return (
              <g key={t.id} data-topping={t.id} data-placement={t.placement} fill={color}>
                {points.map((p, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: positional dots
                  <circle key={j} cx={p.x} cy={p.y} r={5} stroke="#0003" strokeWidth={0.8} />
                ))}
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption className="small muted">
        {t("builder.leftHalf")} · {t("builder.rightHalf")}
      </figcaption>
    </figure>
  );
}
