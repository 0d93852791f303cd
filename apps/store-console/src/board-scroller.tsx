// The kitchen board's columns, scrolling sideways inside themselves when the screen is too narrow for
// all six (issue 16, finding 10): then a "More columns" button sits on the side that has more, with a
// shadow on that edge, so a column off screen is never a secret. At 1024 px and wider all six fit.
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";

export function BoardScroller({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const left = el.scrollLeft > 1;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setMore((m) => (m.left === left && m.right === right ? m : { left, right }));
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    el.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", measure);
    };
  }, [measure]);
  const scroll = (direction: 1 | -1) => {
    const el = ref.current;
    const column = el?.firstElementChild?.getBoundingClientRect().width ?? 200;
    el?.scrollBy({ left: direction * column });
  };
  return (
    <div
      className={`kds__board-wrap${more.left ? " kds__board-wrap--left" : ""}${more.right ? " kds__board-wrap--right" : ""}`}
    >
      <div className="kds__board" ref={ref} data-testid="kds-board">
        {children}
      </div>
      {more.left ? (
        <button type="button" className="kds__more kds__more--left" data-own-keys onClick={() => scroll(-1)}>
          ← More columns
        </button>
      ) : null}
      {more.right ? (
        <button
          type="button"
          className="kds__more kds__more--right"
          data-own-keys
          data-testid="kds-more-right"
          onClick={() => scroll(1)}
        >
          More columns →
        </button>
      ) : null}
    </div>
  );
}
