export { i18n, t, I18n, LANGUAGES, type Language, type Params } from "./i18n.svelte";
export type { MessageKey } from "./en";
