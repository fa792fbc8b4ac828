// End-to-end tests against the real SSA Workbench binary: WebdriverIO talks to tauri-driver,
// which starts the app through WebKitWebDriver. Run under a display (xvfb-run in CI).
//
// Each run gets a fresh data directory (SSA_DATA_DIR, inherited by the app through
// tauri-driver), so the first session sees a first start. Screenshots go to artifacts/.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repo, process.env.CARGO_TARGET_DIR)
  : path.join(repo, "target");
export const appBinary = process.env.SSA_APP_BINARY ?? path.join(targetDir, "debug", "ssa-workbench");
export const cliBinary = process.env.SSA_CLI_BINARY ?? path.join(targetDir, "debug", "ssa");
export const artifacts = path.join(here, "artifacts");
export const dataDirectory = () => process.env.SSA_DATA_DIR;
mkdirSync(artifacts, { recursive: true });

// The config is evaluated again in each worker process: create the data dir once, in the
// launcher, and let the workers inherit it through the environment.
if (!process.env.SSA_E2E_DATA_DIR) {
  process.env.SSA_E2E_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ssa-e2e-"));
}
const dataDir = process.env.SSA_E2E_DATA_DIR;
process.env.SSA_DATA_DIR = dataDir;

// tauri-driver listens on `port`, WebKitWebDriver on the next one; override both with
// SSA_E2E_PORT to run two suites side by side.
const port = Number(process.env.SSA_E2E_PORT ?? 4444);

let tauriDriver;
let driverExited = false;

export const config = {
  runner: "local",
  specs: ["./specs/**/*.e2e.js"],
  maxInstances: 1,
  hostname: "127.0.0.1",
  port,
  capabilities: [
    {
      maxInstances: 1,
      "tauri:options": { application: appBinary },
    },
  ],
  logLevel: "warn",
  reporters: ["spec"],
  framework: "mocha",
  mochaOpts: { ui: "bdd", timeout: 120000 },
  waitforTimeout: 10000,
  connectionRetryTimeout: 60000,
  connectionRetryCount: 2,

  onPrepare() {
    console.log(`e2e: app ${appBinary}\ne2e: data dir ${dataDir}`);
    const driverPath =
      process.env.TAURI_DRIVER ?? path.join(os.homedir(), ".cargo", "bin", "tauri-driver");
    tauriDriver = spawn(driverPath, ["--port", String(port), "--native-port", String(port + 1)], {
      stdio: [null, process.stdout, process.stderr],
      env: { ...process.env, SSA_DATA_DIR: dataDir },
    });
    tauriDriver.on("error", (error) => {
      console.error("tauri-driver failed to start:", error);
      process.exit(1);
    });
    tauriDriver.on("exit", (code) => {
      driverExited = true;
      if (code) console.error(`tauri-driver exited with code ${code}`);
    });
    // Give the driver a moment to listen on its port.
    return new Promise((resolve) => setTimeout(resolve, 1000));
  },

  onComplete() {
    // SIGTERM, not SIGKILL: a killed tauri-driver orphans WebKitWebDriver, which keeps its port.
    if (tauriDriver && !driverExited) tauriDriver.kill("SIGTERM");
  },
};
