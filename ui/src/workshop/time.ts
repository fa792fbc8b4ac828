// How the desk writes a round's clock: minutes and seconds, the sign kept apart so that the
// words around it say "left" or "over".
export function clock(seconds: number): string {
  const whole = Math.abs(Math.trunc(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${String(rest).padStart(2, "0")}`;
}

/** The seconds left of a group's round `elapsedSince` seconds after the desk was read. */
export function remainingNow(remaining: number, running: boolean, elapsedSince: number): number {
  return running ? remaining - Math.max(0, Math.floor(elapsedSince)) : remaining;
}
