/**
 * The new-order alert: a short two-tone beep through WebAudio. Browsers only let a page make sound
 * after the user interacted with it (autoplay rules), so the AudioContext is created or resumed on the
 * first click or key press, or by the sign-in prompt's button (sound-prompt.tsx); until then
 * `audioUnlocked()` is false and the console shows a banner saying so.
 */
let ctx: AudioContext | null = null;
const listeners = new Set<() => void>();

/** Calls `listener` whenever sound turns on or off (the sign-in prompt and the banner follow it). */
export function onAudioChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The person chose "Not now" on the sign-in prompt: only the banner's button turns sound on then. */
let declined = false;

export function declineAudio(): void {
  declined = true;
}

/**
 * Turns sound on (must run inside a tap or key press). Any tap or key in the console does it, unless
 * the person declined at sign-in; the prompt's and the banner's buttons pass `explicit`.
 */
export function unlockAudio(opts: { explicit?: boolean } = {}): void {
  if (declined && !opts.explicit) return;
  const AC =
    globalThis.AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!AC) return;
  if (!ctx) {
    ctx = new AC();
    ctx.addEventListener("statechange", () => {
      for (const l of listeners) l();
    });
  }
  if (ctx.state === "suspended") void ctx.resume().catch(() => undefined);
  for (const l of listeners) l();
}

export function audioUnlocked(): boolean {
  return ctx !== null && ctx.state === "running";
}

export function beep(): void {
  const audio = ctx;
  if (audio?.state !== "running") return;
  const start = audio.currentTime;
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    const t = start + i * 0.18;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.17);
  }
}
