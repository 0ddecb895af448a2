/**
 * A progress bar for long runs on an interactive terminal (stderr), silent in CI and in pipes, so
 * logs never fill with carriage returns.
 */
export interface Progress {
  readonly update: (done: number, total: number) => void
  readonly finish: () => void
}

export const progressBar = (label: string): Progress => {
  const interactive = process.stderr.isTTY === true && process.env["CI"] === undefined
  if (!interactive) return { update: () => undefined, finish: () => undefined }
  const width = 30
  return {
    update: (done, total) => {
      const filled = Math.round((done / Math.max(1, total)) * width)
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`)
    },
    finish: () => process.stderr.write("\r\x1b[2K")
  }
}
