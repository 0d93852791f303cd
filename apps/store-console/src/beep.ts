/**
 * The new-order alert: a short two-tone beep through WebAudio. Browsers only let a page make sound
 * after the user interacted with it (autoplay rules), so the AudioContext is created or resumed on the
 * first click or key press; until then `unlocked()` is false and the console shows "Tap to enable sound".
 */
let ctx: AudioContext | null = null;

export function unlockAudio(): void {
  const AC =
    globalThis.AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!AC) return;
  ctx ??= new AC();
  if (ctx.state === "suspended") void ctx.resume().catch(() => undefined);
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
