// The desktop implementation of SecurityBackend: commands, the native open dialog and the two
// events the shell sends on the system's lock signal (src-tauri/src/system_lock.rs).
import { listen } from "@tauri-apps/api/event";
import { open } from "@tauri-apps/plugin-dialog";
import { commands } from "../bindings";
import { unwrap } from "./answer";
import { BackendError } from "./backend";
import type { SecurityBackend } from "./securityBackend";
import type { LockReason } from "./types";

async function subscribe(event: string, handler: (reason: LockReason) => void): Promise<() => void> {
  try {
    return await listen<LockReason>(event, (e) => handler(e.payload));
  } catch (error) {
    throw BackendError.from(error);
  }
}

export function tauriSecurityBackend(): SecurityBackend {
  return {
    unlock: (passphrase) => unwrap(() => commands.unlock(passphrase)),
    lockWorkbench: (reason) => unwrap(() => commands.lockWorkbench(reason)),
    encryptionStatus: () => unwrap(() => commands.encryptionStatus()),
    encryptDatabase: (passphrase) => unwrap(() => commands.encryptDatabase(passphrase)),
    changePassphrase: (current, next) => unwrap(() => commands.changePassphrase(current, next)),
    setLockAfter: (minutes) => unwrap(() => commands.setLockAfter(minutes)),
    signingKeys: () => unwrap(() => commands.signingKeys()),
    trustKey: (delegation, fingerprint) => unwrap(() => commands.trustKey(delegation, fingerprint)),
    untrustKey: (delegation, fingerprint) => unwrap(() => commands.untrustKey(delegation, fingerprint)),
    chooseSignedFileToOpen: async () => {
      try {
        const picked = await open({ multiple: false, directory: false });
        return typeof picked === "string" ? picked : null;
      } catch (error) {
        throw BackendError.from(error);
      }
    },
    verifySignedFile: (path) => unwrap(() => commands.verifySignedFile(path)),
    onLockRequested: (handler) => subscribe("workbench-lock-requested", handler),
    onLocked: (handler) => subscribe("workbench-locked", handler),
  };
}
