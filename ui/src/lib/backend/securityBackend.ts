// The confidentiality part of the Backend contract: the passphrase (unlock, lock, turn
// encryption on, change it, the idle time), the signing keys and checking a signed file. The
// system's lock signal arrives through `onLockRequested` / `onLocked`, so components never see
// Tauri's events.
import type { Encryption, Keys, LockReason, Signer, Startup } from "./types";

export interface SecurityBackend {
  /** Opens the locked database; refused with code wrong_passphrase or too_many_attempts. */
  unlock(passphrase: string): Promise<Startup>;
  /** Closes the encrypted database and forgets its passphrase. */
  lockWorkbench(reason: LockReason): Promise<Startup>;
  encryptionStatus(): Promise<Encryption>;
  /** Encrypts the open plain database (and its backups); refused naming the field `passphrase`. */
  encryptDatabase(passphrase: string): Promise<Encryption>;
  changePassphrase(current: string, next: string): Promise<Encryption>;
  /** Minutes without use before the app locks (0: never). */
  setLockAfter(minutes: number): Promise<Encryption>;
  signingKeys(): Promise<Keys>;
  trustKey(delegation: string, fingerprint: string): Promise<Keys>;
  untrustKey(delegation: string, fingerprint: string): Promise<Keys>;
  /** Native "open" dialog for a signed file (PDF, .docx); null when cancelled. */
  chooseSignedFileToOpen(): Promise<string | null>;
  /** Checks `<path>.sig` beside the file; a refusal is a BackendError (bad_signature). */
  verifySignedFile(path: string): Promise<Signer>;
  /** The system asks for a lock (screen locked, going to sleep); returns the unsubscribe. */
  onLockRequested(handler: (reason: LockReason) => void): Promise<() => void>;
  /** The backend locked on its own; returns the unsubscribe. */
  onLocked(handler: (reason: LockReason) => void): Promise<() => void>;
}
