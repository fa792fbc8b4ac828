import { getContext, setContext } from "svelte";
import type { Backend } from "./backend";

const KEY = Symbol("backend");

/** Makes `backend` available to every component below the caller (App, or a test wrapper). */
export function provideBackend(backend: Backend): void {
  setContext(KEY, backend);
}

export function useBackend(): Backend {
  const backend = getContext<Backend | undefined>(KEY);
  if (!backend) throw new Error("No backend provided: call provideBackend in a parent component.");
  return backend;
}
