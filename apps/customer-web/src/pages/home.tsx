import { PizzaMark, useSession } from "@pizza/ui";
import { Link } from "../router.tsx";

export function HomePage() {
  const { user } = useSession();
  return (
    <div className="page stack home">
      <section className="hero">
        <div className="hero__text stack">
          <h1>{user ? `Welcome back, ${user.name.split(" ")[0]}!` : "Hot pizza, tracked to your door."}</h1>
          <p className="hero__lead">
            Build your pizza half-and-half, pay in a tap, and watch your driver come round the corner in real
            time.
          </p>
          <div className="row">
            <Link to="/start" className="button button--primary">
              Order now
            </Link>
            {user ? (
              <Link to="/account" className="button">
                Manage your addresses
              </Link>
            ) : (
              <>
                <Link to="/signup" className="button">
                  Create an account
                </Link>
                <Link to="/signin" className="button">
                  I have an account
                </Link>
              </>
            )}
          </div>
        </div>
        <div className="hero__art" aria-hidden="true">
          <PizzaMark size={180} />
        </div>
      </section>
      <ul className="features" aria-label="Why order with us">
        <li>
          <strong>Your pizza, your way</strong>
          <span className="muted">
            Sizes, crusts, sauces and 15+ toppings, on the whole pie or on either half.
          </span>
        </li>
        <li>
          <strong>Live tracking</strong>
          <span className="muted">From oven to doorstep: see each stage, then your driver on the map.</span>
        </li>
        <li>
          <strong>Saved addresses</strong>
          <span className="muted">Home, work, a friend's place: one tap at checkout.</span>
        </li>
      </ul>
    </div>
  );
}
