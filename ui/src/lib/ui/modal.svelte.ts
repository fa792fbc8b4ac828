// How many dialogs are open, so global shortcuts can stand aside while one is.
class ModalStack {
  count = $state(0);
  get open(): boolean {
    return this.count > 0;
  }
}

export const modals = new ModalStack();
