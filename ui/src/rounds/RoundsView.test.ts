import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openRounds(backend: FakeBackend) {
  await renderApp(backend);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-rounds"));
  await screen.findByTestId("rounds-view");
}

function withRound(): FakeBackend {
  const backend = new FakeBackend([negotiation()]);
  const round = backend.roundsModel.addRound();
  backend.roundsModel.savePosition(round.id, "art.scope", {
    status: "agreed",
    ours: null,
    theirs: "All persons insured.",
    agreed: "This Agreement applies to all insured persons.",
    justification: "",
    shared: true,
  });
  backend.roundsModel.savePosition(round.id, "art.posting", {
    status: "counter_proposed",
    ours: "24 months.",
    theirs: "36 months.",
    agreed: null,
    justification: "",
    shared: false,
  });
  return backend;
}

const rowOf = (nodeId: string) =>
  screen.getAllByTestId("position-row").find((el) => el.getAttribute("data-id") === nodeId)!;

// The first render loads the whole app; on a loaded machine that alone can take seconds.
describe("negotiation rounds", { timeout: 20000 }, () => {
  it("offers to open the first round, then shows its details", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openRounds(backend);
    const empty = await screen.findByTestId("rounds-empty");
    await fireEvent.click(within(empty).getByRole("button"));
    await screen.findByTestId("round-editor");
    expect(backend.spy("addRound")).toHaveBeenCalledWith("n1");
    expect(screen.getByTestId("round-editor").textContent).toContain("Round 1");
    // The round's date is picked from a calendar like every other date, not typed as text.
    expect((screen.getByTestId("round-held-on") as HTMLInputElement).type).toBe("date");
  });

  it("shows ours, theirs, the proposal on the table and the status for every article in order", async () => {
    await openRounds(withRound());
    await screen.findByTestId("four-column-view");
    expect(screen.getAllByTestId("row-label").map((el) => el.textContent)).toEqual(["Article 1", "Article 2", "Article 3"]);
    const scope = rowOf("art.scope");
    expect(within(scope).getByTestId("cell-table").textContent).toContain("This Agreement applies to all insured persons.");
    expect(within(scope).getByTestId("cell-status").textContent).toBe("Agreed");
    const posting = rowOf("art.posting");
    expect(within(posting).getByTestId("cell-ours").textContent).toContain("24 months.");
    expect(within(posting).getByTestId("cell-theirs").textContent).toContain("36 months.");
    expect(within(posting).getByTestId("cell-table").textContent).toContain("36 months.");
    // An article with nothing recorded proposes the draft text.
    expect(within(rowOf("art.equal")).getByTestId("cell-ours").textContent).toContain("draft text");
  });

  it("shows the status they shared with their proposal", async () => {
    const backend = withRound();
    backend.roundsModel.positions.get("r1:art.scope")!.theirs!.status = "agreed";
    await openRounds(backend);
    await screen.findByTestId("four-column-view");
    expect(within(rowOf("art.scope")).getByTestId("their-status").textContent).toBe("their status: Agreed");
    expect(within(rowOf("art.posting")).queryByTestId("their-status")).toBeNull();
  });

  it("filters by status from the filter and from the summary", async () => {
    await openRounds(withRound());
    await screen.findByTestId("four-column-view");
    expect(screen.getByTestId("rounds-summary").textContent).toContain("Agreed 1");
    await fireEvent.change(screen.getByTestId("status-filter"), { target: { value: "agreed" } });
    expect(screen.getAllByTestId("position-row").map((el) => el.getAttribute("data-id"))).toEqual(["art.scope"]);
    await fireEvent.change(screen.getByTestId("status-filter"), { target: { value: "deferred" } });
    expect(screen.getByTestId("positions-empty")).toBeTruthy();
    await fireEvent.change(screen.getByTestId("status-filter"), { target: { value: "all" } });
    await fireEvent.click(screen.getByTestId("summary-counter_proposed"));
    expect(screen.getAllByTestId("position-row").map((el) => el.getAttribute("data-id"))).toEqual(["art.posting"]);
  });

  it("records a position: an agreed status without text is refused, agreeing on the table saves it", async () => {
    const backend = withRound();
    await openRounds(backend);
    await fireEvent.click(rowOf("art.equal"));
    const panel = await screen.findByTestId("article-panel");
    await fireEvent.change(within(panel).getByTestId("position-status"), { target: { value: "agreed" } });
    await within(panel).findByTestId("position-problem");
    expect(backend.roundsModel.positions.has("r1:art.equal")).toBe(false);
    await fireEvent.click(within(panel).getByTestId("position-agree-table"));
    await waitFor(() => expect(backend.roundsModel.positions.get("r1:art.equal")?.agreed).toBe("Persons shall be treated equally."));
    await waitFor(() => expect(within(rowOf("art.equal")).getByTestId("cell-status").textContent).toBe("Agreed"));
  });

  it("moves through the rows with the arrow keys", async () => {
    await openRounds(withRound());
    await screen.findByTestId("four-column-view");
    await fireEvent.keyDown(rowOf("art.scope"), { key: "ArrowDown" });
    await waitFor(() => expect(rowOf("art.posting").getAttribute("aria-selected")).toBe("true"));
    expect(screen.getByTestId("article-panel").textContent).toContain("Posted workers");
  });

  it("shows the mandate beside the article and warns when the table crosses a red line", async () => {
    const backend = withRound();
    backend.roundsModel.mandate.set("art.posting", {
      nodeId: "art.posting",
      redLine: "Never more than 24 months.",
      preferred: "",
      fallback: "",
      limits: [{ kind: "at_most", parameter: "posting.months", value: 24 }],
    });
    const view = backend.roundsModel.view.bind(backend.roundsModel);
    backend.roundsModel.view = (roundId) => {
      const answer = view(roundId);
      answer.rows[1].redLineWarnings = ["posting duration is 36 in the proposal; the mandate allows at most 24."];
      return answer;
    };
    await openRounds(backend);
    await screen.findByTestId("four-column-view");
    expect(within(rowOf("art.posting")).getByTestId("red-line-warning")).toBeTruthy();
    await fireEvent.click(rowOf("art.posting"));
    const mandate = await screen.findByTestId("panel-mandate");
    expect(mandate.textContent).toContain("Never more than 24 months.");
    expect(within(mandate).getByTestId("panel-red-line").textContent).toContain("at most 24");
  });

  it("imports their file and shows the refusal when the file is refused", async () => {
    const backend = withRound();
    backend.roundsModel.openAnswer = "/tmp/theirs.json";
    backend.roundsModel.importAnswer = "theirs.json was not imported: its checksum does not match its content. Nothing was changed.";
    await openRounds(backend);
    await fireEvent.click(screen.getByTestId("exchange-import"));
    const refused = await screen.findByTestId("import-refused");
    expect(refused.textContent).toContain("checksum");
    expect(backend.spy("importExchangeFile")).toHaveBeenCalledWith("n1", "/tmp/theirs.json", 1);
  });

  it("saves the mandate as it is typed", async () => {
    const backend = withRound();
    await openRounds(backend);
    await fireEvent.click(screen.getByTestId("tab-mandate"));
    const form = await screen.findByTestId("mandate-form");
    await fireEvent.input(within(form).getByTestId("mandate-redLine"), { target: { value: "No more than 24 months." } });
    await fireEvent.blur(within(form).getByTestId("mandate-redLine"));
    await waitFor(() => expect(backend.roundsModel.mandate.get("art.scope")?.redLine).toBe("No more than 24 months."));
  });

  it("posts, resolves and reopens a comment thread", async () => {
    const backend = withRound();
    await openRounds(backend);
    await fireEvent.click(rowOf("art.posting"));
    const comments = await screen.findByTestId("comments");
    await fireEvent.input(within(comments).getByTestId("comment-author"), { target: { value: "Ana" } });
    await fireEvent.input(within(comments).getByTestId("comment-new"), { target: { value: "Check the months." } });
    await fireEvent.click(within(comments).getByTestId("comment-send"));
    await within(comments).findByText("Check the months.");
    await fireEvent.click(within(comments).getByTestId("comment-resolve"));
    await waitFor(() => expect(within(comments).queryByTestId("comment-thread")).toBeNull());
    expect(backend.roundsModel.comments[0].resolvedAt).not.toBeNull();
    await fireEvent.click(within(comments).getByText("Show resolved threads (1)"));
    await fireEvent.click(await within(comments).findByTestId("comment-reopen"));
    await waitFor(() => expect(backend.roundsModel.comments[0].resolvedAt).toBeNull());
    expect(within(comments).getByTestId("comment-resolve")).toBeTruthy();
  });
});

describe("the negotiation brief as PDF", { timeout: 20000 }, () => {
  it("exports the round's brief for the other party by default, the internal one only when asked", async () => {
    const backend = withRound();
    await openRounds(backend);
    const roundId = backend.roundsModel.rounds[0].id;
    await fireEvent.click(await screen.findByTestId("export-brief"));
    await waitFor(() => expect(backend.spy("exportPdf")).toHaveBeenCalledTimes(1));
    expect(backend.spy("exportPdf").mock.calls[0][1]).toEqual({ doc: "brief", roundId, internal: false });
    expect(backend.spy("choosePdfFileToSave")).toHaveBeenLastCalledWith(`${negotiation().title} – brief, round 1.pdf`);

    await fireEvent.click(screen.getByTestId("brief-internal"));
    await fireEvent.click(screen.getByTestId("export-brief"));
    await waitFor(() => expect(backend.spy("exportPdf")).toHaveBeenCalledTimes(2));
    expect(backend.spy("exportPdf").mock.calls[1][1]).toEqual({ doc: "brief", roundId, internal: true });
    expect(backend.spy("choosePdfFileToSave")).toHaveBeenLastCalledWith(
      `${negotiation().title} – brief, round 1 (internal).pdf`,
    );
  });

  it("offers no brief before the first round", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openRounds(backend);
    await screen.findByTestId("rounds-empty");
    expect(screen.queryByTestId("export-brief")).toBeNull();
  });
});
