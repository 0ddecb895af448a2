// Debian's chromium through playwright-core, as every browser test launches it: the executable,
// whether a file's browser tests are skipped (only when /usr/bin/chromium is absent outside CI;
// with CI=true a missing browser fails), and the launch with the flags a headless test box needs.
import { existsSync } from "node:fs"
import type { Browser } from "playwright-core"
import { chromium } from "playwright-core"
import { expect } from "vitest"

export const executablePath = "/usr/bin/chromium"
const present = existsSync(executablePath)
export const skip = !present && process.env.CI !== "true"

/** Say why the browser tests of a file are skipped (once per file). */
export const warnIfSkipped = (file: string): void => {
  if (skip)
    console.warn(
      `${file}: skipped, ${executablePath} not found (install: apt-get install -y chromium; CI=true makes this fail)`
    )
}

/** Launch the browser; fails (in CI) when it is missing. Each launch has its own temporary profile. */
export const launchBrowser = async (): Promise<Browser> => {
  expect(present, `${executablePath} is missing: CI must run apt-get install -y chromium`).toBe(true)
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  })
}
