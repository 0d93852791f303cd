import { SignedInShell, UserSummary } from "@pizza/ui";
import { UpdatePrompt } from "./update-prompt.tsx";

/** The driver PWA shell: drivers sign in; shifts, offers and navigation are later issues. */
export function App() {
  return (
    <>
      <SignedInShell
        appName="Driver"
        allowRoles={["driver"]}
        wrongRoleMessage="This app is for delivery drivers. Sign in with your driver account."
        intro="For Pronto Pizza delivery drivers. Add this app to your home screen for the best experience."
      >
        {(user) => (
          <>
            <h1>Hi, {user.name.split(" ")[0]}</h1>
            <section className="card stack" aria-label="Your account">
              <UserSummary user={user} />
            </section>
            <div className="alert alert--info">
              Clocking in, delivery offers and turn-by-turn navigation are coming with the dispatch issues.
            </div>
          </>
        )}
      </SignedInShell>
      <UpdatePrompt />
    </>
  );
}
