import { PizzaMark, useSession } from "@pizza/ui";
import { useT } from "../i18n/index.tsx";
import { Link } from "../router.tsx";

export function HomePage() {
  const t = useT();
  const { user } = useSession();
  return (
    <div className="page stack home">
      <section className="hero">
        <div className="hero__text stack">
          <h1>{user ? t("home.welcomeBack", { name: user.name.split(" ")[0] }) : t("home.title")}</h1>
          <p className="hero__lead">{t("home.lead")}</p>
          <div className="row">
            <Link to="/start" className="button button--primary">
              {t("home.orderNow")}
            </Link>
            {user ? (
              <Link to="/account" className="button">
                {t("home.manageAddresses")}
              </Link>
            ) : (
              <>
                <Link to="/signup" className="button">
                  {t("cart.createAccount")}
                </Link>
                <Link to="/signin" className="button">
                  {t("home.haveAccount")}
                </Link>
              </>
            )}
          </div>
        </div>
        <div className="hero__art" aria-hidden="true">
          <PizzaMark size={180} />
        </div>
      </section>
      <ul className="features" aria-label={t("home.why")}>
        <li>
          <strong>{t("home.yourWay")}</strong>
          <span className="muted">{t("home.yourWayText")}</span>
        </li>
        <li>
          <strong>{t("home.tracking")}</strong>
          <span className="muted">{t("home.trackingText")}</span>
        </li>
        <li>
          <strong>{t("home.saved")}</strong>
          <span className="muted">{t("home.savedText")}</span>
        </li>
      </ul>
    </div>
  );
}
