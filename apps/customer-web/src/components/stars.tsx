/** "★ 4.6 (128)" with a screen-reader sentence. */
export function Rating({ rating }: { rating: { average: number; count: number } | null }) {
  if (!rating || rating.count === 0) return null;
  return (
    <span
      className="rating small"
      title={`Rated ${rating.average.toFixed(1)} out of 5 by ${rating.count} people`}
    >
      <span aria-hidden="true">★ {rating.average.toFixed(1)}</span>
      <span className="muted" aria-hidden="true">
        {" "}
        ({rating.count})
      </span>
      <span className="visually-hidden">
        Rated {rating.average.toFixed(1)} out of 5 by {rating.count} people
      </span>
    </span>
  );
}
