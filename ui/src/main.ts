import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { tauriBackend } from "./lib/backend/tauri";

const app = mount(App, {
  target: document.getElementById("app")!,
  props: { backend: tauriBackend() },
});

export default app;
