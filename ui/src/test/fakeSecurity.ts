// The confidentiality part of the fake backend: a passphrase, locks, the slow-down after five
// wrong tries (in whole tries, no clock), signing keys and trusted fingerprints.
import { BackendError, type Encryption, type Keys, type LockReason, type Signer, type Startup } from "../lib/backend";

const OUR_KEY = {
  hex: "3F2A 9C01 7B44 E210 0A9D 55C3 81F0 2B6E",
  words: "aardvark absurd accrue acme adrift adult afflict ahead aimless algol allow alone ammo ancient apple artist".split(" "),
};

export class FakeSecurity {
  passphrase: string | null = null;
  lockAfterMinutes = 10;
  wrong = 0;
  /** Tries refused as too early, as the real backend does after five wrong passphrases. */
  waitTries = 0;
  keys: Keys = {
    own: [{ delegation: "XA", delegationName: "Republic of Aurelia", fingerprint: OUR_KEY, createdAt: "2026-11-23T09:00:00.000Z" }],
    trusted: [],
  };
  verifyAnswer: Signer | string | null = null;
  lockHandlers: ((reason: LockReason) => void)[] = [];
  lockedHandlers: ((reason: LockReason) => void)[] = [];

  locked(reason: LockReason, databasePath: string): Startup {
    return {
      state: "locked",
      reason,
      databasePath,
      wrongAttempts: this.wrong,
      retryAfterSeconds: this.wrong >= 5 && this.waitTries > 0 ? 10 : null,
    };
  }

  status(encrypted: boolean): Encryption {
    return { encrypted, cipherVersion: "4.6.1 community", lockAfterMinutes: this.lockAfterMinutes, unprotectedFiles: [] };
  }

  check(text: string): void {
    if (text.length < 10)
      throw new BackendError("invalid_input", "A passphrase needs at least 10 characters.", [
        { field: "passphrase", message: "A passphrase needs at least 10 characters." },
      ]);
  }

  tryPassphrase(text: string): void {
    if (this.wrong >= 5 && this.waitTries > 0) {
      this.waitTries -= 1;
      throw new BackendError("too_many_attempts", "Too many wrong passphrases: wait 10 seconds.");
    }
    if (text !== this.passphrase) {
      this.wrong += 1;
      if (this.wrong >= 5) this.waitTries = 1;
      throw new BackendError("wrong_passphrase", "That passphrase is not the right one. Nothing was changed.");
    }
    this.wrong = 0;
  }

  trust(delegation: string, fingerprint: string): Keys {
    const code = delegation.trim().toUpperCase();
    if (!/^[A-Z]{2,3}$/.test(code)) throw new BackendError("invalid_input", `"${delegation}" is not a delegation's ISO code.`);
    const hex = fingerprint.replace(/\s+/g, "").toUpperCase();
    if (!/^[0-9A-F]{32}$/.test(hex)) throw new BackendError("invalid_input", "That is not a key fingerprint.");
    const grouped = hex.match(/.{4}/g)!.join(" ");
    this.keys = {
      ...this.keys,
      trusted: [
        ...this.keys.trusted,
        {
          delegation: code,
          delegationName: code === "XB" ? "Kingdom of Boreland" : "",
          fingerprint: { hex: grouped, words: Array(16).fill("aardvark") },
          trustedAt: "2026-11-23T10:00:00.000Z",
        },
      ],
    };
    return this.keys;
  }

  verify(): Signer {
    const answer = this.verifyAnswer;
    if (typeof answer === "string") throw new BackendError("bad_signature", answer);
    if (!answer) throw new BackendError("unexpected", "No verify answer set.");
    return answer;
  }
}
