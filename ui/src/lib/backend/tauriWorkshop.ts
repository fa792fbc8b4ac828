// The desktop implementation of WorkshopBackend: commands; the native dialogs are shown from
// Rust, which accepts only the paths they returned.
import { commands } from "../bindings";
import { unwrap } from "./answer";
import type { WorkshopBackend } from "./workshopBackend";

export function tauriWorkshopBackend(): WorkshopBackend {
  return {
    listScenarios: (language) => unwrap(() => commands.listScenarios(language)),
    listWorkshops: () => unwrap(() => commands.listWorkshops()),
    createWorkshop: (input, folder) => unwrap(() => commands.createWorkshop(input, folder)),
    workshopDesk: (id) => unwrap(() => commands.workshopDesk(id)),
    workshopAction: (id, action) => unwrap(() => commands.workshopAction(id, action)),
    collectExchangeFile: (id, path) => unwrap(() => commands.collectExchangeFile(id, path)),
    workshopDebrief: (id, language) => unwrap(() => commands.workshopDebrief(id, language)),
    exportWorkshopPdf: (id, document, path) => unwrap(() => commands.exportWorkshopPdf(id, document, path)),
    joinTeamPack: (path) => unwrap(() => commands.joinTeamPack(path)),
    teamBrief: (negotiationId) => unwrap(() => commands.teamBrief(negotiationId)),
    listTeamNegotiations: () => unwrap(() => commands.listTeamNegotiations()),
    trainingStatus: async () => commands.trainingStatus(),
    switchDataFolder: async (folder) => {
      await unwrap(() => commands.switchDataFolder(folder));
    },
    chooseWorkshopFolder: () => unwrap(() => commands.chooseFolder("workshop_folder")),
    chooseTrainingFolder: () => unwrap(() => commands.chooseFolder("training_folder")),
    chooseTeamPackToOpen: () => unwrap(() => commands.chooseFileToOpen("team_pack")),
  };
}
