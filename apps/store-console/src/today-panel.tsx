/** Today's numbers and (admins) promo codes: filled in by the next step. */
export default function TodayPanel(_props: { storeId: string; isAdmin: boolean }) {
  return <p className="muted">Today's numbers are coming.</p>;
}
