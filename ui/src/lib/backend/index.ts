// The UI's one door to the Rust side. Nothing outside this folder imports @tauri-apps/api or
// the generated bindings; components get a Backend from context (useBackend).
export { BackendError, type Backend, type BackendErrorCode } from "./backend";
export { provideBackend, useBackend } from "./context";
export type * from "./types";
export type { TemplateBackend } from "./templateBackend";
export type { ProcessBackend } from "./processBackend";
export type { DocumentBackend } from "./documentBackend";
export type { RoundsBackend } from "./roundsBackend";
export type { ExportBackend } from "./exportBackend";
export type { SecurityBackend } from "./securityBackend";
export type { WorkshopBackend } from "./workshopBackend";
