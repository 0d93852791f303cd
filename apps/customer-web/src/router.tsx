import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/**
 * A few lines of history-API routing are all this app needs (a handful of top-level pages); a router
 * library would cost more bytes than the screens. The API serves index.html for unknown GET paths,
 * so deep links and reloads work.
 */
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
if (typeof window !== "undefined") window.addEventListener("popstate", notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const currentLocation = () => window.location.pathname + window.location.search;

export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, currentLocation, () => "/");
  const url = new URL(href, "http://app.local");
  return { path: url.pathname, query: url.searchParams };
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}) {
  if (to === currentLocation()) return;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo(0, 0);
  notify();
}

/** Only same-app paths are accepted as `?next=`, so a crafted link cannot send people elsewhere. */
export function safeNext(next: string | null, fallback = "/"): string {
  // "//host" and "/\host" are both read by browsers as another origin.
  return next?.startsWith("/") && !/^\/[/\\]/.test(next) ? next : fallback;
}

export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { path } = useLocation();
  function handle(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(to);
  }
  return <a href={to} aria-current={path === to ? "page" : undefined} onClick={handle} {...rest} />;
}
