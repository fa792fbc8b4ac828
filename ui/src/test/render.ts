// Renders the whole app against a fake backend, in English unless told otherwise.
import { render, screen } from "@testing-library/svelte";
import App from "../App.svelte";
import { i18n, type Language } from "../lib/i18n";
import type { FakeBackend } from "./fakeBackend";

export async function renderApp(backend: FakeBackend, lang: Language = "en") {
  i18n.set(lang);
  const result = render(App, { props: { backend } });
  return result;
}

/** Waits for the home list (or its empty state) to be shown. */
export async function homeLoaded() {
  await screen.findByTestId("nav-home");
}
