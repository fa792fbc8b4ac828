import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openWorkshops(backend: FakeBackend, lang: "en" | "fr" | "es" = "en") {
  await renderApp(backend, lang);
  await fireEvent.click(await screen.findByTestId("nav-workshops"));
  await screen.findByTestId("workshops");
}

describe("workshops", () => {
  it("starts empty and creates a workshop in the folder chosen", async () => {
    const backend = new FakeBackend();
    await openWorkshops(backend);
    await screen.findByTestId("workshops-empty");
    await fireEvent.click(screen.getByTestId("workshop-new"));
    const form = await screen.findByTestId("workshop-form");
    await waitFor(() => expect(form.textContent).toContain("Republic of Marisol"));
    // A title is needed: nothing is created without one.
    await fireEvent.click(screen.getByTestId("workshop-create"));
    expect((await within(form).findByRole("alert")).textContent).toBe("Give the workshop a title.");
    expect(backend.spy("createWorkshop")).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByTestId("workshop-title"), { target: { value: "Turin, May 2026" } });
    await fireEvent.input(screen.getByTestId("workshop-groups"), { target: { value: "2" } });
    await fireEvent.input(screen.getByTestId("workshop-team-a"), { target: { value: "Marisol" } });
    await fireEvent.click(screen.getByTestId("workshop-create"));
    await waitFor(() => expect(backend.spy("createWorkshop")).toHaveBeenCalled());
    const [input, folder] = backend.spy("createWorkshop").mock.calls[0];
    expect(folder).toBe("/tmp/workshop");
    expect(input).toMatchObject({ title: "Turin, May 2026", groups: 2, teamNames: [{ team: "a", name: "Marisol" }] });
    const groups = await screen.findAllByTestId("desk-group");
    expect(groups).toHaveLength(2);
    expect(groups[0].textContent).toContain("Round 1 of 3: Opening positions");
    expect(groups[0].textContent).toContain("30:00 left");
  });

  it("starts, locks and resets the groups from the desk", async () => {
    const backend = new FakeBackend();
    backend.workshop.create(
      { scenarioId: "marisol-eldmark-bilateral", scenarioVersion: "1", title: "Geneva", language: "en", groups: 2, teamNames: [] },
      "/tmp/w",
    );
    await openWorkshops(backend);
    await screen.findAllByTestId("desk-group");
    await fireEvent.click(screen.getByTestId("desk-start-all"));
    await waitFor(() =>
      expect(screen.getAllByTestId("group-state").map((s) => s.textContent)).toEqual(["running", "running"]),
    );
    await fireEvent.click(within(screen.getAllByTestId("desk-group")[1]).getByTestId("group-lock"));
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getAllByTestId("group-state")[1].textContent).toBe("locked"));
    expect(backend.spy("workshopAction")).toHaveBeenLastCalledWith("w1", { action: "lock", group: 2 });
    backend.roundsModel.openAnswer = "/tmp/group-1-a.ssa-exchange.json";
    await fireEvent.click(screen.getByTestId("desk-collect"));
    await waitFor(() => expect(screen.getAllByTestId("group-files")[0].textContent).toContain("1 file"));
    await fireEvent.click(screen.getByTestId("desk-reset"));
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getAllByTestId("group-state")[1].textContent).toBe("paused"));
  });

  it("speaks French at the desk", async () => {
    const backend = new FakeBackend();
    backend.workshop.create(
      { scenarioId: "marisol-eldmark-bilateral", scenarioVersion: "1", title: "Dakar", language: "fr", groups: 1, teamNames: [] },
      "/tmp/w",
    );
    await openWorkshops(backend, "fr");
    const group = (await screen.findAllByTestId("desk-group"))[0];
    expect(group.textContent).toContain("Groupe 1");
    expect(group.textContent).toContain("reste 30:00");
    expect(screen.getByTestId("desk-collect").textContent).toBe("Recueillir des fichiers d'échange…");
  });

  it("joins a team pack and shows the team's brief in its overview", async () => {
    const backend = new FakeBackend([negotiation({ id: "n1" })]);
    await openWorkshops(backend);
    await fireEvent.click(screen.getByTestId("team-join"));
    await waitFor(() => expect(backend.spy("joinTeamPack")).toHaveBeenCalledWith("/tmp/workshop/group-01-team-a.ssa-team.json"));
    const joined = backend.negotiations[backend.negotiations.length - 1];
    backend.workshop.briefs.set(joined.id, {
      negotiationId: joined.id,
      workshopTitle: "Turin",
      scenarioTitle: "Marisol and Eldmark",
      language: "en",
      group: 1,
      team: "a",
      letter: "A",
      teamName: "Marisol",
      country: "XM",
      generalBrief: "Everyone reads this.",
      brief: "Only team A reads this.",
      walkAway: "Leave under 18 months.",
      priorities: [{ article: "M2-AL.2", points: 40, text: "Postings of 36 months or more." }],
      rounds: [{ number: 1, title: "Opening", minutes: 30, focus: "Open." }],
    });
    await fireEvent.click(screen.getByTestId("nav-workshops"));
    await fireEvent.click(await screen.findByTestId("team-open"));
    const brief = await screen.findByTestId("team-brief");
    expect(brief.textContent).toContain("Turin — group 1, team A (Marisol)");
    expect(brief.textContent).toContain("Only team A reads this.");
    expect(screen.getByTestId("team-walk-away").textContent).toBe("Leave under 18 months.");
  });

  it("says when the data folder is a training folder", async () => {
    const backend = new FakeBackend();
    backend.workshop.training = { training: true, dataDir: "/training" };
    await openWorkshops(backend);
    expect((await screen.findByTestId("training-banner")).textContent).toContain("Training");
    expect(screen.getByTestId("training-folder").textContent).toContain("/training");
  });

  it("shows the debrief: what each group agreed, red lines held, points, convergence", async () => {
    const backend = new FakeBackend();
    const created = backend.workshop.create(
      { scenarioId: "marisol-eldmark-bilateral", scenarioVersion: "1", title: "Turin", language: "en", groups: 2, teamNames: [] },
      "/tmp/w",
    );
    const team = (letter: string, held: boolean | null, points: number) => ({
      team: letter.toLowerCase(),
      letter,
      name: `Team ${letter}`,
      redLineHeld: held,
      points,
      pointsPossible: 40,
    });
    backend.workshop.debriefs.set(created.workshop.id, {
      workshop: created.workshop,
      language: "en",
      articles: [
        {
          article: "M2-AL.2",
          label: "Article 8 — Posted workers",
          parameters: ["Posting duration"],
          modelValues: ["24 months"],
          briefs: [],
          groups: [
            { group: 1, outcome: "agreed", values: ["24 months"], leftOut: false, agreedText: null, teams: [team("A", true, 0), team("B", true, 0)] },
            { group: 2, outcome: "agreed", values: ["30 months"], leftOut: false, agreedText: null, teams: [team("A", true, 0), team("B", false, 0)] },
          ],
          convergence: "diverged",
        },
      ],
      totals: [],
      questions: ["Which group agreed the longest posting?"],
    });
    await openWorkshops(backend);
    await fireEvent.click(await screen.findByTestId("debrief-tab"));
    const article = await screen.findByTestId("debrief-article");
    const rows = within(article).getAllByTestId("debrief-row");
    expect(rows[0].textContent).toContain("24 months");
    expect(rows[0].textContent).toContain("red line held");
    expect(rows[1].textContent).toContain("30 months");
    expect(rows[1].textContent).toContain("red line crossed");
    expect(rows[1].textContent).toContain("0/40 points");
    expect(screen.getByTestId("debrief-convergence").textContent).toBe("Groups agreed different texts.");
    expect(screen.getByTestId("debrief").textContent).toContain("Which group agreed the longest posting?");
  });
});
