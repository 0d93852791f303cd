import { useEffect } from "react";
import { Link, useLocation } from "../router.tsx";

/** The other apps on this origin; `/driver` without its slash would otherwise land here. */
const SIBLING_APPS = ["/driver", "/store"];

export function NotFoundPage() {
  const { path } = useLocation();
  const sibling = SIBLING_APPS.includes(path.replace(/\/$/, ""));

  useEffect(() => {
    if (sibling) window.location.replace(`${path.replace(/\/$/, "")}/`);
  }, [sibling, path]);

  if (sibling) return null;
  return (
    <div className="page stack">
      <h1>We couldn't find that page</h1>
      <p className="muted">The link may be old, or the page moved.</p>
      <p>
        <Link to="/">Back to the start</Link>
      </p>
    </div>
  );
}
