import { Link } from "../router.tsx";

export function NotFoundPage() {
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
