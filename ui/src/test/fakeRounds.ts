// The rounds area's part of the fake backend: a small in-memory model of one negotiation's
// rounds, positions, comments and mandate that answers like the real use cases for what the
// UI tests look at (rows, summary, carry-over is not modelled: every row belongs to its round).
import {
  BackendError,
  type ArticleRow,
  type Comment,
  type CommentInput,
  type ExchangeExport,
  type ExchangeImport,
  type MandateEntry,
  type MandateView,
  type Position,
  type PositionInput,
  type PositionsView,
  type Round,
} from "../lib/backend";

export function articleRow(nodeId: string, label: string, heading: string, draftText: string): ArticleRow {
  return {
    nodeId,
    label,
    heading,
    draftText,
    inDraft: true,
    position: null,
    carriedFromRound: null,
    ours: draftText,
    oursFromDraft: true,
    theirs: null,
    table: { side: "ours", text: draftText },
    status: "open",
    mandate: null,
    redLineWarnings: [],
    openComments: 0,
  };
}

export class FakeRounds {
  rounds: Round[] = [];
  /** The articles of the draft (the rows of a round with nothing recorded). */
  articles: ArticleRow[] = [
    articleRow("art.scope", "Article 1", "Scope", "This Agreement applies to all persons."),
    articleRow("art.posting", "Article 2", "Posted workers", "A posted worker remains insured for 24 months."),
    articleRow("art.equal", "Article 3", "Equality of treatment", "Persons shall be treated equally."),
  ];
  /** Positions by `${roundId}:${nodeId}`. */
  positions = new Map<string, Position>();
  comments: Comment[] = [];
  mandate = new Map<string, MandateEntry>();
  /** Answers of the native dialogs (null: cancelled). */
  openAnswer: string | null = null;
  saveAnswer: string | null = null;
  /** What the next import answers: a result, or a refusal message. */
  importAnswer: ExchangeImport | string | null = null;
  #next = 1;

  view(roundId: string | null): PositionsView {
    const round = roundId ? this.rounds.find((r) => r.id === roundId) : this.rounds.at(-1);
    if (roundId && !round) throw new BackendError("not_found", `There is no round with id ${roundId}.`);
    const rows = round
      ? this.articles.map((article) => {
          const position = this.positions.get(`${round.id}:${article.nodeId}`) ?? null;
          if (!position) return { ...article, mandate: this.mandate.get(article.nodeId) ?? null };
          const ours = position.ours ?? article.draftText;
          const table = position.agreed
            ? { side: "agreed" as const, text: position.agreed }
            : position.theirs
              ? { side: "theirs" as const, text: position.theirs.text }
              : { side: "ours" as const, text: ours };
          return {
            ...article,
            position,
            ours,
            oursFromDraft: position.ours === null,
            theirs: position.theirs,
            table,
            status: position.status,
            mandate: this.mandate.get(article.nodeId) ?? null,
          };
        })
      : [];
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
    return {
      negotiationId: "n1",
      hasDraft: true,
      rounds: structuredClone(this.rounds),
      roundId: round?.id ?? null,
      rows,
      summary: [...counts].map(([status, count]) => ({ status: status as Position["status"], count })),
      imports: [],
      versions: ["Tabled at round 1"],
    };
  }

  addRound(): Round {
    const round: Round = {
      id: `r${this.#next++}`,
      number: this.rounds.length + 1,
      heldOn: "",
      place: "",
      delegations: [],
      agenda: "",
      minutes: "",
      actionItems: [],
    };
    this.rounds.push(round);
    return structuredClone(round);
  }

  saveRound(round: Round): Round {
    if (round.heldOn && !/^\d{4}-\d{2}-\d{2}$/.test(round.heldOn))
      throw new BackendError("invalid_input", `Round ${round.number} was not saved.`, [
        { field: "heldOn", message: `"${round.heldOn}" is not a date; write it as YYYY-MM-DD (2026-03-01).` },
      ]);
    this.rounds = this.rounds.map((r) => (r.id === round.id ? structuredClone(round) : r));
    return structuredClone(round);
  }

  savePosition(roundId: string, nodeId: string, input: PositionInput): Position {
    if (input.status.startsWith("agreed") && !input.agreed?.trim())
      throw new BackendError("invalid_input", "The position was not saved.", [
        { field: "agreed", message: "An agreed article needs its agreed text; write it or copy a proposal." },
      ]);
    const position: Position = {
      roundId,
      nodeId,
      status: input.status,
      ours: input.ours,
      theirs: input.theirs
        ? { text: input.theirs, values: {}, omits: false, importId: null, label: null, heading: "", order: null, status: null, agreed: null }
        : null,
      agreed: input.agreed,
      justification: input.justification,
      shared: input.shared,
      updatedAt: new Date().toISOString(),
    };
    this.positions.set(`${roundId}:${nodeId}`, position);
    return structuredClone(position);
  }

  listComments(nodeId: string): Comment[] {
    return structuredClone(this.comments.filter((c) => c.nodeId === nodeId));
  }

  addComment(input: CommentInput): Comment[] {
    if (!input.body.trim() || !input.author.trim())
      throw new BackendError("invalid_input", "The comment was not saved.", [
        { field: "body", message: "The comment is empty." },
      ]);
    this.comments.push({
      id: `c${this.#next++}`,
      nodeId: input.nodeId,
      parentId: input.parentId,
      author: input.author.trim(),
      body: input.body.trim(),
      createdAt: new Date().toISOString(),
      resolvedAt: null,
    });
    return this.listComments(input.nodeId);
  }

  setCommentResolved(commentId: string, resolved: boolean): Comment[] {
    const comment = this.comments.find((c) => c.id === commentId);
    if (!comment) throw new BackendError("not_found", `There is no comment with id ${commentId}.`);
    comment.resolvedAt = resolved ? new Date().toISOString() : null;
    return this.listComments(comment.nodeId);
  }

  mandateView(): MandateView {
    return {
      negotiationId: "n1",
      hasDraft: true,
      articles: this.articles.map((a) => ({
        nodeId: a.nodeId,
        label: a.label,
        heading: a.heading,
        optional: a.nodeId === "art.equal",
        inDraft: true,
        parameters:
          a.nodeId === "art.posting"
            ? [{ name: "posting.months", label: "posting duration", kind: "months", choices: [], current: 24 }]
            : [],
        entry: this.mandate.get(a.nodeId) ?? { nodeId: a.nodeId, redLine: "", preferred: "", fallback: "", limits: [] },
      })),
    };
  }

  saveMandateEntry(entry: MandateEntry): MandateEntry {
    this.mandate.set(entry.nodeId, structuredClone(entry));
    return entry;
  }

  exportFile(version: string | null, path: string): ExchangeExport {
    return {
      path,
      agreementId: "agr-1",
      versionLabel: version ?? "Current draft",
      articles: this.articles.length,
      sharedPositions: [...this.positions.values()].filter((p) => p.shared).length,
      checksum: "sha256:00",
      signedWith: { hex: "3F2A 9C01 0000 0000 0000 0000 0000 0001", words: Array(16).fill("aardvark") },
    };
  }

  importFile(): ExchangeImport {
    const answer = this.importAnswer;
    if (typeof answer === "string") throw new BackendError("invalid_input", answer);
    if (!answer) throw new BackendError("unexpected", "No import answer set.");
    return answer;
  }
}
