import { SignedInShell, UserSummary } from "@pizza/ui";

/** The store console shell: staff (and admins) sign in; the kitchen display itself is a later issue. */
export function App() {
  return (
    <SignedInShell
      appName="Store console"
      allowRoles={["staff", "admin"]}
      wrongRoleMessage="The store console is for store staff. Sign in with your staff account."
      intro="For kitchen and store staff. Use the account your store manager gave you."
    >
      {(user) => (
        <>
          <h1>Hello, {user.name}</h1>
          <section className="card stack" aria-label="Your account">
            <UserSummary user={user} />
          </section>
          <div className="alert alert--info">
            The kitchen display (incoming orders, bumping them through prep, oven and quality check, stock and
            drivers) is coming in issue 9.
          </div>
        </>
      )}
    </SignedInShell>
  );
}
