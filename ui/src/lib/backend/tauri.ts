// The desktop implementation of Backend: the generated command bindings, with each
// `{status:"error"}` answer turned into a thrown BackendError.
import { commands } from "../bindings";
import { unwrap } from "./answer";
import { BackendError, type Backend } from "./backend";
import { tauriProcessBackend } from "./tauriProcess";
import { tauriDocumentBackend } from "./tauriDocuments";
import { tauriRoundsBackend } from "./tauriRounds";
import { tauriWorkshopBackend } from "./tauriWorkshop";
import { tauriExportBackend } from "./tauriExport";
import { tauriTemplateBackend } from "./tauriTemplates";
import { tauriVersionBackend } from "./tauriVersions";
import { tauriSecurityBackend } from "./tauriSecurity";

async function direct<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw BackendError.from(error);
  }
}

export function tauriBackend(): Backend {
  return {
    ...tauriTemplateBackend(),
    ...tauriProcessBackend(),
    ...tauriVersionBackend(),
    ...tauriDocumentBackend(),
    ...tauriRoundsBackend(),
    ...tauriExportBackend(),
    ...tauriSecurityBackend(),
    ...tauriWorkshopBackend(),
    startupStatus: () => direct(() => commands.startupStatus()),
    recoverOpenCopyReadOnly: () => unwrap(() => commands.recoverOpenCopyReadOnly()),
    recoverStartFresh: () => unwrap(() => commands.recoverStartFresh()),
    about: () => unwrap(() => commands.about()),
    listNegotiations: (shelf) => unwrap(() => commands.listNegotiations(shelf)),
    getNegotiation: (id) => unwrap(() => commands.getNegotiation(id)),
    createNegotiation: (input) => unwrap(() => commands.createNegotiation(input)),
    updateNegotiation: (id, input) => unwrap(() => commands.updateNegotiation(id, input)),
    renameNegotiation: (id, title) => unwrap(() => commands.renameNegotiation(id, title)),
    duplicateNegotiation: (id) => unwrap(() => commands.duplicateNegotiation(id)),
    moveNegotiation: (id, shelf) => unwrap(() => commands.moveNegotiation(id, shelf)),
    deleteNegotiationPermanently: async (id) => {
      await unwrap(() => commands.deleteNegotiationPermanently(id));
    },
    emptyBin: () => unwrap(() => commands.emptyBin()),
    createSampleNegotiation: () => unwrap(() => commands.createSampleNegotiation()),
    listTemplates: () => unwrap(() => commands.listTemplates()),
    getAgreement: (negotiationId) => unwrap(() => commands.getAgreement(negotiationId)),
    startAgreement: (negotiationId, templateId) => unwrap(() => commands.startAgreement(negotiationId, templateId)),
    editDraft: (negotiationId, base, draft) => unwrap(() => commands.editDraft(negotiationId, base, draft)),
    editDraftStructure: (negotiationId, base, edit) => unwrap(() => commands.editDraftStructure(negotiationId, base, edit)),
    listTemplateChoices: (negotiationId) => unwrap(() => commands.listTemplateChoices(negotiationId)),
  };
}
