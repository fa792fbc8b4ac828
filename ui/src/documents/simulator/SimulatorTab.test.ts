import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import type { PartyOutcome, PensionMethod, SimulationSetup, SimulationView } from "../../lib/backend";
import { i18n } from "../../lib/i18n";
import { FakeBackend, negotiation } from "../../test/fakeBackend";
import { renderApp } from "../../test/render";

function party(code: string, without: string, withAgreement: string): PartyOutcome {
  return {
    code,
    unit: "years",
    method: "pro_rata",
    without_agreement: without,
    theoretical: "500.00",
    pro_rata: "333.33",
    direct: "400.00",
    independent: "400.00",
    with_agreement: withAgreement,
    difference: (Number(withAgreement) - Number(without)).toFixed(2),
    own_periods: "20",
    totalized_periods: "30",
    relieved: false,
    explanation: [],
  };
}

const SETUP: SimulationSetup = {
  currency: "EUR",
  parties: [
    { code: "XA", unit: "years", qualifying: "15", formula: { kind: "fixed", amount: "400" }, specified_period: null, credited: "count" },
    { code: "XB", unit: "years", qualifying: "10", formula: { kind: "fixed", amount: "300" }, specified_period: null, credited: "count" },
  ],
  conversions: [],
  careers: [
    {
      name: "20 years at home, 10 abroad",
      career_years: null,
      periods: [
        { party: "XA", amount: "20", unit: "years", kind: "paid", start: null, end: null },
        { party: "XB", amount: "10", unit: "years", kind: "paid", start: null, end: null },
      ],
      share: "100",
    },
  ],
  corridor: { people: 1000, take_up_percent: "10", payments_per_year: 12 },
};

/** What the engine answers under each method (its arithmetic is tested in Rust). */
function view(setup: SimulationSetup, method: PensionMethod): SimulationView {
  const xa = method === "pro_rata" ? "333.33" : "400.00";
  return {
    negotiationId: "n1",
    parties: negotiation().parties,
    setup,
    isExample: false,
    qualifyingFromStudy: [],
    draft: { terms: { method, minimum_period_months: 12, covered: true }, hasDraft: true, methodArticle: "Article 27" },
    feasibilityPeople: 42000,
    careers: [
      {
        name: setup.careers![0].name,
        outcome: {
          parties: [party("XA", "400.00", xa), party("XB", "0.00", "100.00")],
          total_without: "400.00",
          total_with: (Number(xa) + 100).toFixed(2),
          total_difference: (Number(xa) + 100 - 400).toFixed(2),
        },
        explanation: [["Pro rata: 500.00 × 20 ÷ 30 = 333.33"], ["Pro rata: 300.00 × 10 ÷ 30 = 100.00"]],
      },
    ],
    estimate: {
      people: 1000,
      people_entered: true,
      take_up_percent: "10",
      beneficiaries: "100",
      payments_per_year: 12,
      mix: [{ name: setup.careers![0].name, percent: "100" }],
      parties: [
        { code: "XA", without_agreement: "480000.00", with_agreement: (Number(xa) * 1200).toFixed(2), difference: "0.00" },
        { code: "XB", without_agreement: "0.00", with_agreement: "120000.00", difference: "120000.00" },
      ],
    },
    problems: [],
  };
}

async function openSimulator(backend: FakeBackend) {
  await renderApp(backend);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-documents"));
  await fireEvent.click(await screen.findByTestId("doc-tab-simulator"));
  await screen.findByTestId("sim-table");
}

describe("simulator tab", () => {
  afterEach(() => i18n.set("en"));

  it("shows each party's pension without and with the agreement, and follows the draft's method", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.simulations.set("n1", view(SETUP, "pro_rata"));
    backend.simulationAfterSave = view;
    await openSimulator(backend);
    expect(screen.getByTestId("sim-with-0-XA").textContent).toContain("333.33");
    expect(screen.getByTestId("sim-bar-0-XA-with").getAttribute("data-value")).toBe("333.33");
    expect(screen.getByTestId("sim-assumptions").textContent).toContain("100 pensioners");

    await fireEvent.change(screen.getByTestId("sim-method"), { target: { value: "higher_of" } });
    await waitFor(() => expect(backend.spy("setDraftMethod")).toHaveBeenCalledWith("n1", "higher_of"));
    await waitFor(() => expect(screen.getByTestId("sim-bar-0-XA-with").getAttribute("data-value")).toBe("400.00"));
    expect(screen.getByTestId("sim-with-0-XA").textContent).toContain("400.00");
  });

  it("saves an edited period as a decimal whatever the language's decimal mark", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.simulations.set("n1", view(SETUP, "pro_rata"));
    await openSimulator(backend);
    i18n.set("fr");
    // Money in the French format, once the tab has followed the change of language.
    await waitFor(() => expect(screen.getByTestId("sim-with-0-XA").textContent).toMatch(/333,33\s€/));
    await fireEvent.input(screen.getByTestId("sim-career-0-period-1-amount"), { target: { value: "10,5" } });
    await waitFor(() => expect(backend.spy("saveSimulation")).toHaveBeenCalled(), { timeout: 5000 });
    const saved = backend.spy("saveSimulation").mock.calls.at(-1)![1] as SimulationSetup;
    expect(saved.careers![0].periods[1].amount).toBe("10.5");
  });
});
