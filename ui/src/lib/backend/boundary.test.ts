// The rule of the house: only src/lib/backend talks to Tauri. Everything else gets a Backend
// from context, which is what lets the components run against a fake in these tests.
const sources = import.meta.glob("/src/**/*.{ts,svelte}", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("backend boundary", () => {
  it("sees the sources", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it("keeps @tauri-apps/api and the generated bindings inside src/lib/backend", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.startsWith("/src/lib/backend/") && path !== "/src/lib/bindings.ts")
      .filter(([, text]) => /from\s+["'](@tauri-apps\/api[^"']*|[^"']*\/bindings)["']/.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it("keeps the test fake out of the shipped code", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.endsWith(".test.ts") && !path.startsWith("/src/test/"))
      .filter(([, text]) => /from\s+["'][^"']*test\/(fakeBackend|render)["']/.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });
});
