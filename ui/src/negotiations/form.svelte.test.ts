import { NegotiationForm } from "./form.svelte";

function filled(): NegotiationForm {
  const form = new NegotiationForm();
  form.title = "Agreement";
  form.parties[0].name = "Cordova";
  form.parties[0].isoCode = "xc";
  form.parties[1].name = "Deltania";
  form.parties[1].isoCode = "XD";
  return form;
}

describe("NegotiationForm", () => {
  it("starts with two parties, one of them our own, and English", () => {
    const form = new NegotiationForm();
    expect(form.parties.map((p) => p.role)).toEqual(["own", "counterpart"]);
    expect(form.languages).toEqual(["en"]);
  });

  it("is valid when filled in, and sends trimmed, upper-case codes", () => {
    const form = filled();
    form.title = "  Agreement  ";
    expect(form.valid).toBe(true);
    expect(form.toInput()).toEqual({
      title: "Agreement",
      parties: [
        { name: "Cordova", isoCode: "XC", role: "own" },
        { name: "Deltania", isoCode: "XD", role: "counterpart" },
      ],
      workingLanguages: ["en"],
      notes: "",
    });
  });

  it("finds the cheap problems itself, but shows them only once touched or submitted", () => {
    const form = new NegotiationForm();
    expect(form.localProblems.get("title")?.key).toBe("validation.titleRequired");
    expect(form.localProblems.get("parties[0].iso_code")?.key).toBe("validation.codeInvalid");
    expect(form.problem("title")).toBeNull();
    form.edited("title");
    expect(form.problem("title")).toEqual({ local: { key: "validation.titleRequired" } });
    expect(form.problem("parties[1].name")).toBeNull();
    form.showAll = true;
    expect(form.problem("parties[1].name")).toEqual({ local: { key: "validation.nameRequired" } });
  });

  it("allows exactly one own side: choosing it for one party makes the others counterparts", () => {
    const form = filled();
    form.addParty();
    form.setRole(2, "own");
    expect(form.parties.map((p) => p.role)).toEqual(["counterpart", "counterpart", "own"]);
    form.setRole(2, "counterpart");
    expect(form.localProblems.get("parties")?.key).toBe("validation.oneOwn");
  });

  it("adds and removes parties, never below two", () => {
    const form = filled();
    form.addParty();
    expect(form.parties).toHaveLength(3);
    expect(form.parties[2].role).toBe("counterpart");
    form.removeParty(0);
    expect(form.parties.map((p) => p.name)).toEqual(["Deltania", ""]);
    form.removeParty(0);
    expect(form.parties).toHaveLength(2);
  });

  it("flags a code used twice", () => {
    const form = filled();
    form.parties[1].isoCode = "XC";
    expect(form.localProblems.get("parties[1].iso_code")?.key).toBe("validation.codeDuplicate");
  });

  it("adds another ISO 639-1 language, refusing bad or repeated codes", () => {
    const form = filled();
    form.otherLanguage = "deu";
    expect(form.addOtherLanguage()).toBe(false);
    expect(form.otherLanguageProblem?.key).toBe("validation.languageInvalid");
    form.otherLanguage = "EN";
    expect(form.addOtherLanguage()).toBe(false);
    expect(form.otherLanguageProblem?.key).toBe("validation.languageDuplicate");
    form.otherLanguage = " PT ";
    expect(form.addOtherLanguage()).toBe(true);
    expect(form.languages).toEqual(["en", "pt"]);
    expect(form.languageChoices).toEqual(["en", "fr", "es", "pt"]);
    form.toggleLanguage("en", false);
    form.toggleLanguage("pt", false);
    expect(form.localProblems.get("working_languages")?.key).toBe("validation.languagesRequired");
  });

  it("shows the backend's problems by field until that field is edited", () => {
    const form = filled();
    form.server = [
      { field: "parties[1].iso_code", message: "Party 2: XD is already used." },
      { field: "something_new", message: "Unplaced." },
    ];
    expect(form.problem("parties[1].iso_code")).toEqual({ server: "Party 2: XD is already used." });
    expect(form.unplacedServerProblems.map((p) => p.message)).toEqual(["Unplaced."]);
    form.edited("parties[1].iso_code");
    expect(form.problem("parties[1].iso_code")).toBeNull();
  });
});
