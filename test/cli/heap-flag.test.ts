// The `livechat-sim` command runs with the same heap flags (young-generation size, heap-limit
// balancer) however it is started: the bin's shebang, and every npm script that starts the command
// or the benchmarks (which pass their flags on to the cases they spawn, so the bench measures what
// `run` does).
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"

/** The heap flags: the Node options before the script. */
const HEAP_FLAGS = /node (--max-semi-space-size=\d+ --memory-balancer) /
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  bin: Record<string, string>
  scripts: Record<string, string>
}

describe("heap flag", () => {
  it("the bin's shebang runs Node through env -S with the heap flags", () => {
    const bin = pkg.bin["livechat-sim"] ?? ""
    const shebang = readFileSync(bin, "utf8").split("\n")[0] ?? ""
    expect(shebang).toMatch(/^#!\/usr\/bin\/env -S node --max-semi-space-size=\d+ --memory-balancer$/)
  })

  it("every npm script that starts the command or the bench passes the same flags", () => {
    const bin = pkg.bin["livechat-sim"] ?? ""
    const wanted = HEAP_FLAGS.exec(`${readFileSync(bin, "utf8").split("\n")[0] ?? ""} `)?.[1]
    expect(wanted).toBeDefined()
    const starters = Object.entries(pkg.scripts).filter(([, cmd]) => /cli\/main\.ts|bench\/run\.ts/.test(cmd))
    expect(starters.map(([name]) => name)).toEqual(expect.arrayContaining(["start", "bench", "swarm"]))
    for (const [name, cmd] of starters)
      expect({ name, flags: HEAP_FLAGS.exec(cmd)?.[1] }).toEqual({ name, flags: wanted })
  })
})
