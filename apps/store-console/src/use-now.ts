// A clock for the screens whose timers count on their own.
import { useEffect, useState } from "react";

/** Re-renders every `ms` (the tickets' timers). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
