import { useT } from "../i18n/index.tsx";

/** "★ 4.6 (128)" with a screen-reader sentence. */
export function Rating({ rating }: { rating: { average: number; count: number } | null }) {
  const t = useT();
  if (!rating || rating.count === 0) return null;
  const said = t("menu.rated", { average: rating.average.toFixed(1), count: rating.count });
  return (
    <span className="rating small" title={said}>
      <span aria-hidden="true">★ {rating.average.toFixed(1)}</span>
      <span className="muted" aria-hidden="true">
        {" "}
        ({rating.count})
      </span>
      <span className="visually-hidden">{said}</span>
    </span>
  );
}
