// The idle lock: after `minutes` without a key press, a click, a touch or a wheel turn in the
// window, `lock` is called. Checked every few seconds rather than with one long timer, so a
// computer that slept past the deadline locks as soon as it wakes.
const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
const CHECK_EVERY_MS = 5_000;

export function watchIdle(minutes: number, lock: () => void, now: () => number = Date.now): () => void {
  if (minutes <= 0 || typeof window === "undefined") return () => {};
  let last = now();
  const touched = () => {
    last = now();
  };
  for (const event of ACTIVITY) window.addEventListener(event, touched, { passive: true });
  const timer = setInterval(() => {
    if (now() - last >= minutes * 60_000) {
      last = now();
      lock();
    }
  }, CHECK_EVERY_MS);
  return () => {
    clearInterval(timer);
    for (const event of ACTIVITY) window.removeEventListener(event, touched);
  };
}
