import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import type { Agreement } from "../lib/backend";
import type { Language } from "../lib/i18n";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openAgreement(backend: FakeBackend, lang: Language = "en") {
  backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
  await renderApp(backend, lang);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-agreement"));
  await screen.findByTestId("agreement-view");
}

const outlineItem = (id: string) =>
  screen.getAllByTestId("outline-item").find((el) => el.getAttribute("data-id") === id)!;

/** Another window saves its own edit of the draft while this one is open. */
function editedElsewhere(backend: FakeBackend, change: Record<string, unknown>) {
  backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0", ...change });
}

const CHANGED_ELSEWHERE: Record<Language, { title: string; reload: string }> = {
  en: { title: "This draft was changed elsewhere.", reload: "Reload the draft" },
  fr: { title: "Ce projet a été modifié ailleurs.", reload: "Recharger le projet" },
  es: { title: "Este proyecto se modificó en otro lugar.", reload: "Volver a cargar el proyecto" },
};

describe("a draft edited in two places", () => {
  for (const lang of ["en", "fr", "es"] as const) {
    it(`refuses an edit of a provision changed elsewhere and reloads it (${lang})`, async () => {
      const backend = new FakeBackend([negotiation()]);
      await openAgreement(backend, lang);
      editedElsewhere(backend, { inclusion: { "art.equal": true }, custom_wording: { "art.scope": "Typed elsewhere." } });
      await fireEvent.click(outlineItem("art.equal"));
      await fireEvent.click(screen.getByTestId("toggle-include-art.equal"));
      const notice = await screen.findByTestId("agreement-changed-elsewhere");
      expect(notice.textContent).toContain(CHANGED_ELSEWHERE[lang].title);
      expect(notice.textContent).toContain("art.equal");
      // Nothing of the refused edit was stored, and the generic save error is not shown beside it.
      expect(backend.drafts.get("n1")!.inclusion).toEqual({ "art.equal": true });
      expect(screen.queryByTestId("agreement-save-error")).toBeNull();
      const reload = screen.getByTestId("agreement-reload");
      expect(reload.textContent).toBe(CHANGED_ELSEWHERE[lang].reload);
      await fireEvent.click(reload);
      await waitFor(() => expect(screen.queryByTestId("agreement-changed-elsewhere")).toBeNull());
      // The other window's wording is now the one shown.
      await fireEvent.click(outlineItem("art.scope"));
      await waitFor(() => expect(screen.getByTestId("article-preview").textContent).toContain("Typed elsewhere."));
    });
  }

  it("merges an edit of another provision and says so", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    editedElsewhere(backend, { custom_wording: { "art.scope": "Typed elsewhere." } });
    await fireEvent.click(outlineItem("art.equal"));
    await fireEvent.click(screen.getByTestId("toggle-include-art.equal"));
    const notice = await screen.findByTestId("agreement-merged-elsewhere");
    expect(notice.textContent).toContain("another window");
    expect(backend.drafts.get("n1")).toMatchObject({
      inclusion: { "art.equal": false },
      custom_wording: { "art.scope": "Typed elsewhere." },
    });
    // The edit went from the draft it was made from: the backend merged, the window did not overwrite.
    const [, base] = backend.spy("editDraft").mock.calls.at(-1)!;
    expect((base as { custom_wording?: unknown }).custom_wording).toBeUndefined();
  });
});

const UNRENDERABLE: Record<Language, string> = {
  en: "This draft cannot be rendered.",
  fr: "Ce projet ne peut pas être affiché.",
  es: "Este proyecto no se puede mostrar.",
};

describe("a draft that cannot be rendered", () => {
  for (const lang of ["en", "fr", "es"] as const) {
    it(`still opens, says so and offers to restore the reworded provision (${lang})`, async () => {
      const backend = new FakeBackend([negotiation()]);
      backend.spy("getAgreement").mockImplementationOnce(async (): Promise<Agreement> => {
        const template = backend.templates[0];
        return {
          negotiationId: "n1",
          template,
          draft: { template_id: template.id, template_version: template.version, custom_wording: { "art.scope": "ééééx}}" } },
          document: { template_id: template.id, template_version: template.version, title: [], nodes: [], omitted: [] },
          problems: [
            {
              severity: "error",
              kind: "unrenderable",
              node: null,
              related_node: null,
              parameter: null,
              place: null,
              params: {},
              message: "This draft cannot be rendered because of an internal error (boom).",
              text: {
                en: "This draft cannot be rendered because of an internal error (boom).",
                fr: "This draft cannot be rendered because of an internal error (boom).",
                es: "This draft cannot be rendered because of an internal error (boom).",
              },
            },
          ],
          provisions: [],
        };
      });
      await openAgreement(backend, lang);
      const notice = await screen.findByTestId("agreement-unrenderable");
      expect(notice.textContent).toContain(UNRENDERABLE[lang]);
      await fireEvent.click(screen.getByTestId("agreement-restore-art.scope"));
      await waitFor(() => expect(backend.spy("editDraft")).toHaveBeenCalled());
      await waitFor(() => expect(screen.queryByTestId("agreement-unrenderable")).toBeNull());
      expect(backend.drafts.get("n1")!.custom_wording).toBeUndefined();
    });
  }
});
