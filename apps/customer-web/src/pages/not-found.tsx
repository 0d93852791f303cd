import { useEffect } from "react";
import { useT } from "../i18n/index.tsx";
import { Link, useLocation } from "../router.tsx";

/** The other apps on this origin; `/driver` without its slash would otherwise land here. */
const SIBLING_APPS = ["/driver", "/store"];

export function NotFoundPage() {
  const t = useT();
  const { path } = useLocation();
  const sibling = SIBLING_APPS.includes(path.replace(/\/$/, ""));

  useEffect(() => {
    if (sibling) window.location.replace(`${path.replace(/\/$/, "")}/`);
  }, [sibling, path]);

  if (sibling) return null;
  return (
    <div className="page stack">
      <h1>{t("notFound.title")}</h1>
      <p className="muted">{t("notFound.text")}</p>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </div>
  );
}
