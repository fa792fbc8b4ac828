import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { watchIdle } from "./idle";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const PASSPHRASE = "olive branch at the border";

async function type(testid: string, value: string) {
  await fireEvent.input(await screen.findByTestId(testid), { target: { value } });
}

describe("encryption and the lock screen", () => {
  it("asks for the passphrase at start, says when it is wrong, and slows down after five", async () => {
    const backend = new FakeBackend([negotiation({ title: "Aurelia–Boreland" })]);
    backend.lockedAtStart(PASSPHRASE);
    await renderApp(backend);
    await screen.findByTestId("lock-screen");
    expect(document.body.textContent).not.toContain("Aurelia–Boreland");
    expect(screen.getByTestId("lock-reason").textContent).toContain("encrypted");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await type("lock-passphrase", `wrong ${attempt}`);
      await fireEvent.submit(screen.getByTestId("lock-unlock").closest("form")!);
      await waitFor(() => expect(screen.getByTestId("lock-error").textContent).toContain("not the right one"));
    }
    expect(screen.getByTestId("lock-attempts").textContent).toContain("5 wrong passphrases");
    await waitFor(() => expect(screen.getByTestId("lock-wait").textContent).toContain("10 s"));
    await type("lock-passphrase", PASSPHRASE);
    expect((screen.getByTestId("lock-unlock") as HTMLButtonElement).disabled).toBe(true);
  });

  it("opens with the right passphrase and locks again from the Security dialog", async () => {
    const backend = new FakeBackend([negotiation({ title: "Aurelia–Boreland" })]);
    backend.lockedAtStart(PASSPHRASE);
    await renderApp(backend, "fr");
    expect((await screen.findByTestId("lock-screen")).textContent).toContain("verrouillé");
    await type("lock-passphrase", PASSPHRASE);
    await fireEvent.submit(screen.getByTestId("lock-unlock").closest("form")!);
    await screen.findByText("Aurelia–Boreland");
    await fireEvent.click(screen.getByTestId("nav-security"));
    expect((await screen.findByTestId("security-status")).textContent).toContain("SQLCipher 4.6.1");
    await fireEvent.click(screen.getByTestId("security-lock-now"));
    await screen.findByTestId("lock-screen", {}, { timeout: 3000 });
    expect(document.body.textContent).not.toContain("Aurelia–Boreland");
    expect(backend.spy("lockWorkbench")).toHaveBeenCalledWith("manual");
  });

  it("offers a passphrase at first start and turns encryption on, refusing a short one", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.startup = { state: "ready", readOnly: false, encrypted: false, databasePath: "/d/ssa.db", created: true, backupPath: null };
    await renderApp(backend, "es");
    expect((await screen.findByTestId("encryption-offer")).textContent).toContain("frase de contraseña");
    await fireEvent.click(screen.getByTestId("encryption-offer-set"));
    await type("security-new", "short one");
    await type("security-again", "short one");
    await fireEvent.submit(screen.getByTestId("security-submit").closest("form")!);
    expect((await screen.findByTestId("security-error")).textContent).toContain("10");
    await type("security-new", PASSPHRASE);
    await type("security-again", `${PASSPHRASE}!`);
    await fireEvent.submit(screen.getByTestId("security-submit").closest("form")!);
    await waitFor(() => expect(screen.getByTestId("security-error").textContent).toContain("no coinciden"));
    await type("security-again", PASSPHRASE);
    await fireEvent.submit(screen.getByTestId("security-submit").closest("form")!);
    await waitFor(() => expect(screen.getByTestId("security-status").textContent).toContain("Activado"));
    expect(backend.spy("encryptDatabase")).toHaveBeenLastCalledWith(PASSPHRASE);
    expect(screen.queryByTestId("encryption-offer")).toBeNull();
  });

  it("shows our fingerprint and trusts another delegation's", async () => {
    await renderApp(new FakeBackend([negotiation()]));
    await fireEvent.click(await screen.findByTestId("nav-security"));
    expect((await screen.findByTestId("own-key-XA-hex")).textContent).toBe("3F2A 9C01 7B44 E210 0A9D 55C3 81F0 2B6E");
    await type("trust-delegation", "xb");
    await type("trust-fingerprint", "0123 4567 89ab cdef 0123 4567 89ab cdef");
    await fireEvent.submit(screen.getByTestId("trust-submit").closest("form")!);
    await waitFor(() => expect(screen.getAllByTestId("trusted-key")).toHaveLength(1));
    expect(screen.getByTestId("trusted-key").textContent).toContain("Kingdom of Boreland");
  });
});

describe("the idle lock", () => {
  it("locks after the chosen minutes without input, and input starts the count again", () => {
    vi.useFakeTimers();
    let now = 0;
    const lock = vi.fn();
    const stop = watchIdle(2, lock, () => now);
    now = 90_000;
    vi.advanceTimersByTime(5_000);
    window.dispatchEvent(new KeyboardEvent("keydown"));
    now = 200_000;
    vi.advanceTimersByTime(5_000);
    expect(lock).not.toHaveBeenCalled();
    now = 211_000;
    vi.advanceTimersByTime(5_000);
    expect(lock).toHaveBeenCalledTimes(1);
    stop();
    vi.useRealTimers();
  });

  it("never locks when set to never", () => {
    const lock = vi.fn();
    watchIdle(0, lock)();
    expect(lock).not.toHaveBeenCalled();
  });
});
