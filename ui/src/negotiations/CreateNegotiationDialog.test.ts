import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { BackendError } from "../lib/backend";
import { FakeBackend } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openCreate(backend = new FakeBackend([]), lang: "en" | "fr" = "en") {
  await renderApp(backend, lang);
  const button = await screen.findByTestId("new-negotiation");
  button.focus();
  await fireEvent.click(button);
  await screen.findByTestId("field-title");
  return backend;
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;

async function type(id: string, value: string) {
  await fireEvent.input(field(id), { target: { value } });
}

async function fillValid() {
  await type("field-title", "Agreement between Cordova and Deltania");
  await type("party-name-0", "Republic of Cordova");
  await type("party-code-0", "XC");
  await type("party-name-1", "Deltania");
  await type("party-code-1", "XD");
}

/** The problem shown in the same cell (or field block) as the input. */
function problemBeside(id: string): string | null {
  const input = field(id);
  const describedBy = input.getAttribute("aria-describedby") ?? "";
  const problems = describedBy
    .split(" ")
    .map((ref) => document.getElementById(ref))
    .filter((el) => el?.dataset.testid === "problem");
  return problems[0]?.textContent?.trim() ?? null;
}

describe("create negotiation dialog", () => {
  it("creates the negotiation and opens it", async () => {
    const backend = await openCreate();
    await fillValid();
    await fireEvent.click(field("language-fr"));
    await type("field-notes", "First round in May.");
    await fireEvent.click(screen.getByTestId("create-submit"));
    expect(await screen.findByTestId("overview-title")).toHaveProperty(
      "textContent",
      "Agreement between Cordova and Deltania",
    );
    expect(backend.spy("createNegotiation")).toHaveBeenCalledWith({
      title: "Agreement between Cordova and Deltania",
      parties: [
        { name: "Republic of Cordova", isoCode: "XC", role: "own" },
        { name: "Deltania", isoCode: "XD", role: "counterpart" },
      ],
      workingLanguages: ["en", "fr"],
      notes: "First round in May.",
    });
    expect(screen.queryByTestId("create-submit")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("overview-title")));
  });

  it("checks required fields as you go, and blocks an incomplete submit", async () => {
    const backend = await openCreate();
    expect(screen.queryAllByTestId("problem")).toHaveLength(0);
    await type("field-title", "x");
    await type("field-title", "");
    expect(problemBeside("field-title")).toBe("Give the negotiation a title.");
    await fireEvent.click(screen.getByTestId("create-submit"));
    expect(backend.spy("createNegotiation")).not.toHaveBeenCalled();
    expect(problemBeside("party-name-0")).toBe("Enter the country’s name.");
    expect(problemBeside("party-code-1")).toMatch(/ISO country code/);
    expect(field("field-title").getAttribute("aria-invalid")).toBe("true");
    await waitFor(() => expect(document.activeElement).toBe(field("field-title")));
  });

  it("shows the problems in French when French is chosen", async () => {
    await openCreate(new FakeBackend([]), "fr");
    await fireEvent.click(screen.getByTestId("create-submit"));
    expect(problemBeside("field-title")).toBe("Donnez un titre à la négociation.");
  });

  it("shows the backend's problems next to the input they name", async () => {
    const backend = new FakeBackend([]);
    backend.failNext(
      "createNegotiation",
      new BackendError("invalid_input", "Party 2: XD is reserved.", [
        { field: "parties[1].iso_code", message: "Party 2: XD is reserved." },
        { field: "title", message: "That title is taken." },
      ]),
    );
    await openCreate(backend);
    await fillValid();
    await fireEvent.click(screen.getByTestId("create-submit"));
    await waitFor(() => expect(problemBeside("party-code-1")).toBe("Party 2: XD is reserved."));
    expect(problemBeside("field-title")).toBe("That title is taken.");
    expect(problemBeside("party-code-0")).toBeNull();
    // The dialog stays open with what was typed.
    expect(field("party-name-1").value).toBe("Deltania");
    // Editing the field clears the backend's (now stale) problem.
    await type("party-code-1", "XE");
    expect(problemBeside("party-code-1")).toBeNull();
  });

  it("keeps exactly one own side and adds and removes parties", async () => {
    await openCreate();
    await fireEvent.click(screen.getByTestId("add-party"));
    expect(screen.getByTestId("party-name-2")).toBeTruthy();
    const role = (i: number) => (screen.getByTestId(`party-role-${i}`) as HTMLSelectElement).value;
    await fireEvent.change(screen.getByTestId("party-role-2"), { target: { value: "own" } });
    expect([role(0), role(1), role(2)]).toEqual(["counterpart", "counterpart", "own"]);
    await fireEvent.change(screen.getByTestId("party-role-2"), { target: { value: "counterpart" } });
    expect(screen.getAllByTestId("problem").map((p) => p.textContent?.trim())).toContain(
      "Mark exactly one party as your own side.",
    );
    await type("party-name-2", "Eastmark");
    await fireEvent.click(screen.getByTestId("remove-party-0"));
    expect(screen.queryByTestId("party-name-2")).toBeNull();
    expect(field("party-name-1").value).toBe("Eastmark");
    // Two parties are the minimum: no remove buttons then.
    expect(screen.queryByTestId("remove-party-0")).toBeNull();
  });

  it("adds another working language by its ISO 639-1 code", async () => {
    await openCreate();
    await type("language-other", "pt");
    await fireEvent.click(screen.getByTestId("language-add"));
    expect(field("language-pt").checked).toBe(true);
    await type("language-other", "xyz");
    await fireEvent.click(screen.getByTestId("language-add"));
    expect(screen.getAllByTestId("problem").some((p) => p.textContent?.includes("ISO 639-1"))).toBe(true);
  });

  it("closes with Escape without creating anything", async () => {
    const backend = await openCreate();
    await fireEvent.keyDown(field("field-title"), { key: "Escape" });
    expect(screen.queryByTestId("field-title")).toBeNull();
    expect(backend.spy("createNegotiation")).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByTestId("new-negotiation"));
  });

  it("asks before Escape discards what was typed; Cancel keeps the form, Discard closes it", async () => {
    const backend = await openCreate();
    await type("field-title", "Agreement between Cordova and Deltania");
    await fireEvent.keyDown(field("field-title"), { key: "Escape" });
    const ask = await screen.findByRole("alertdialog");
    expect(ask.textContent).toContain("Discard the new negotiation?");
    await fireEvent.click(screen.getByTestId("confirm-cancel"));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(field("field-title").value).toBe("Agreement between Cordova and Deltania");
    await fireEvent.keyDown(field("field-title"), { key: "Escape" });
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(screen.queryByTestId("field-title")).toBeNull());
    expect(backend.spy("createNegotiation")).not.toHaveBeenCalled();
  });
});
