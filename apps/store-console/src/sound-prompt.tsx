// Sound for new orders (issue 16, finding 10). Browsers keep a page silent until someone taps it, so
// right after sign-in the console asks, in words, to turn the new-order sound on (the tap on the
// button is the gesture that starts the audio); "Not now" leaves a banner that stays on every tab
// while sound is off. Before anyone answers, any tap or key on the page turns sound on as well; after
// "Not now", only the banner's button does.
import { useEffect, useState, useSyncExternalStore } from "react";
import { audioUnlocked, beep, declineAudio, onAudioChange, unlockAudio } from "./beep.ts";

/** Is sound on now? Follows the AudioContext's state. */
export function useSoundOn(): boolean {
  return useSyncExternalStore(onAudioChange, audioUnlocked, () => false);
}

export function SoundPrompt() {
  const soundOn = useSoundOn();
  const [dismissed, setDismissed] = useState(false);
  const [justEnabled, setJustEnabled] = useState(false);
  const enable = () => {
    unlockAudio({ explicit: true });
    setJustEnabled(true);
  };
  // Until it is on, any tap or key on the page turns it on (unless declined). On click, not pointerdown:
  // the prompt then goes away after the tap has landed where it was aimed.
  useEffect(() => {
    if (soundOn) return;
    const any = () => unlockAudio();
    document.addEventListener("click", any);
    document.addEventListener("keydown", any);
    return () => {
      document.removeEventListener("click", any);
      document.removeEventListener("keydown", any);
    };
  }, [soundOn]);
  // A short beep once sound is on, so the person who tapped hears what a new order sounds like.
  useEffect(() => {
    if (soundOn && justEnabled) beep();
  }, [soundOn, justEnabled]);
  if (soundOn) return null;
  if (!dismissed) {
    return (
      <section className="sound-prompt" aria-labelledby="sound-prompt-title" data-testid="sound-prompt">
        <h2 id="sound-prompt-title" className="sound-prompt__title">
          Turn on the new-order sound?
        </h2>
        <p className="sound-prompt__text">
          The browser keeps this screen silent until you tap it. Turn the sound on so the kitchen hears every
          new order.
        </p>
        <div className="sound-prompt__actions">
          <button type="button" className="button button--primary" data-own-keys onClick={enable}>
            Turn sound on
          </button>
          <button
            type="button"
            className="button button--ghost"
            data-own-keys
            // Declining is a tap too: it must not turn the sound on through the console's tap handler.
            onClick={(e) => {
              e.stopPropagation();
              declineAudio();
              setDismissed(true);
            }}
          >
            Not now
          </button>
        </div>
      </section>
    );
  }
  return (
    <div className="sound-banner" role="status" data-testid="sound-banner">
      <span>
        <strong>Sound is off:</strong> new orders will not beep.
      </span>
      <button type="button" className="button button--small" data-own-keys onClick={enable}>
        Turn sound on
      </button>
    </div>
  );
}
