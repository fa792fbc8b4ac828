// The workshop part of the fake backend: one scenario, the workshops created, their desks and
// debriefs, and the team briefs of joined negotiations. Tests set or read these fields.
import type {
  CollectedFile,
  Debrief,
  DeskAction,
  ScenarioSummary,
  TeamBrief,
  Training,
  WorkshopCreated,
  WorkshopDesk,
  WorkshopInput,
  WorkshopSummary,
} from "../lib/backend";

export function scenario(): ScenarioSummary {
  return {
    id: "marisol-eldmark-bilateral",
    version: "1",
    title: "Marisol and Eldmark: workers on the move",
    summary: "Two delegations negotiate.",
    languages: ["en", "fr", "es"],
    origin: "shipped",
    model: "r167-annex1-bilateral",
    countries: ["Republic of Marisol", "Kingdom of Eldmark"],
    teams: [
      { id: "a", letter: "A", name: "Delegation of Marisol", country: "XM" },
      { id: "b", letter: "B", name: "Delegation of Eldmark", country: "XE" },
    ],
    rounds: 3,
    minutes: 95,
  };
}

export function desk(summary: WorkshopSummary): WorkshopDesk {
  const rounds = [
    { number: 1, title: "Opening positions", minutes: 30, focus: "Open." },
    { number: 2, title: "Bargaining", minutes: 45, focus: "Trade." },
    { number: 3, title: "Closing", minutes: 20, focus: "Close." },
  ];
  return {
    workshop: summary,
    rounds,
    groups: Array.from({ length: summary.groups }, (_, i) => ({
      number: i + 1,
      teams: [
        { team: "a", letter: "A", name: "Marisol", country: "XM", packFile: `group-0${i + 1}-team-a.ssa-team.json`, files: 0 },
        { team: "b", letter: "B", name: "Eldmark", country: "XE", packFile: `group-0${i + 1}-team-b.ssa-team.json`, files: 0 },
      ],
      round: 1,
      roundTitle: "Opening positions",
      minutes: 30,
      elapsedSeconds: 0,
      remainingSeconds: 1800,
      running: false,
      locked: false,
      articles: [{ article: "M2-AL.2", label: "Article 7 — Posted workers", state: "no_file" }],
      files: [],
    })),
  };
}

export class FakeWorkshop {
  training: Training = { training: false, dataDir: "/data" };
  workshops: WorkshopSummary[] = [];
  desks = new Map<string, WorkshopDesk>();
  debriefs = new Map<string, Debrief>();
  briefs = new Map<string, TeamBrief>();
  folder: string | null = "/tmp/workshop";
  teamPack: string | null = "/tmp/workshop/group-01-team-a.ssa-team.json";
  #next = 1;

  create(input: WorkshopInput, folder: string): WorkshopCreated {
    const summary: WorkshopSummary = {
      id: `w${this.#next++}`,
      title: input.title,
      language: input.language,
      scenarioId: input.scenarioId,
      scenarioTitle: scenario().title,
      groups: input.groups,
      createdAt: "2026-05-04T09:00:00Z",
    };
    this.workshops.push(summary);
    this.desks.set(summary.id, desk(summary));
    return { workshop: summary, folder, files: [`${folder}/workshop.ssa-workshop.json`] };
  }

  desk(id: string): WorkshopDesk {
    const found = this.desks.get(id);
    if (!found) throw new Error(`no workshop ${id}`);
    return structuredClone(found);
  }

  act(id: string, action: DeskAction): WorkshopDesk {
    const found = this.desks.get(id);
    if (!found) throw new Error(`no workshop ${id}`);
    for (const group of found.groups) {
      const mine = action.action === "reset" || action.group === null || action.group === group.number;
      if (!mine) continue;
      if (action.action === "start" && !group.locked) group.running = true;
      if (action.action === "pause") group.running = false;
      if (action.action === "lock") Object.assign(group, { locked: true, running: false });
      if (action.action === "next_round") Object.assign(group, { round: group.round + 1, remainingSeconds: 2700 });
      if (action.action === "reset") Object.assign(group, { round: 1, locked: false, running: false, files: [] });
    }
    return structuredClone(found);
  }

  collect(id: string, path: string): CollectedFile {
    const found = this.desks.get(id);
    if (!found) throw new Error(`no workshop ${id}`);
    const file: CollectedFile = {
      fileName: path.split("/").pop() ?? path,
      group: 1,
      team: "a",
      exportedAt: "2026-05-04T10:00:00Z",
      collectedAt: "2026-05-04T10:05:00Z",
    };
    found.groups[0].files.push(file);
    return file;
  }
}
