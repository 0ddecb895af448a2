/**
 * A progress bar for long runs on an interactive terminal (stderr), silent in CI and in pipes, so
 * logs never fill with carriage returns. `done` may be fractional (a replication part way through).
 */
export interface Progress {
  readonly update: (done: number, total: number) => void
  /** A line saying what is being done when there is no fixed total ("add, iteration 2, 7 days simulated"). */
  readonly status: (text: string) => void
  readonly finish: () => void
}

export const progressBar = (label: string): Progress => {
  const interactive = process.stderr.isTTY === true && process.env["CI"] === undefined
  if (!interactive) return { update: () => undefined, status: () => undefined, finish: () => undefined }
  const width = 30
  return {
    update: (done, total) => {
      const share = Math.min(1, done / Math.max(1, total))
      const filled = Math.round(share * width)
      const replications = `${Math.floor(done)}/${total} replication${total === 1 ? "" : "s"}`
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${Math.round(share * 100)}%  ${replications}`
      )
    },
    status: (text) => process.stderr.write(`\r\x1b[2K${label}: ${text}`),
    finish: () => process.stderr.write("\r\x1b[2K")
  }
}
