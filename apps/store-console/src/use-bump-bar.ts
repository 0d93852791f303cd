// The bump bar: the kitchen display driven from a keyboard (digits select, Enter bumps, R recalls, U undoes).
import { useEffect, useRef } from "react";
import { BUMP_BAR_IDLE, type BumpBarState, bumpBarKey } from "./kitchen-model.ts";
import type { StoreOrder } from "./live-orders.ts";
import type { BumpActions } from "./use-bump-actions.ts";

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== "function") return false;
  return el.closest("input, textarea, select, [contenteditable=true], [data-own-keys]") !== null;
}

/** Listens to the window's keys while the display is shown (a key also turns sound on: sound-prompt.tsx). */
export function useBumpBar(numbered: readonly StoreOrder[], actions: BumpActions) {
  const bar = useRef<BumpBarState>(BUMP_BAR_IDLE);
  const { selected, setSelected, setMessage, bump, recall, undo } = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // Enter/Space on a focused button (a ticket's bump button, sound, tabs) press that button.
      const el = e.target as HTMLElement | null;
      if (
        (e.key === "Enter" || e.key === " ") &&
        el?.tagName === "BUTTON" &&
        !el.classList.contains("ticket__select")
      )
        return;
      const { state, action } = bumpBarKey(bar.current, e.key, Date.now(), numbered.length);
      bar.current = state;
      if (action.kind === "none") return;
      e.preventDefault();
      if (action.kind === "select") {
        const o = numbered[action.index - 1];
        if (o) setSelected(o.id);
      } else if (action.kind === "move") {
        const i = selected ? numbered.findIndex((o) => o.id === selected) : -1;
        const o = numbered[Math.max(0, Math.min(numbered.length - 1, i + action.by))];
        if (o) setSelected(o.id);
      } else if (action.kind === "bump") {
        const o = numbered.find((x) => x.id === selected);
        if (o) void bump(o);
        else setMessage({ kind: "info", text: "Select a ticket first: type its number." });
      } else if (action.kind === "recall") recall();
      else if (action.kind === "undo") void undo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [numbered, selected, setSelected, setMessage, bump, recall, undo]);
}
