// Every flag and argument line of `serve --help` and `load --help` states its default (or says
// there is none), so nobody has to read the source to know what a flag does when left out.
import { describe, expect, it } from "vitest"
import { cli } from "../support/cli.ts"

/** The lines of a help section (ARGUMENTS, FLAGS) that describe an option. */
const optionLines = (help: string, section: string): Array<string> => {
  const start = help.indexOf(`\n${section}\n`)
  if (start < 0) return []
  const rest = help.slice(start + section.length + 2)
  const end = rest.search(/\n\n[A-Z]/)
  return (end < 0 ? rest : rest.slice(0, end)).split("\n").filter((l) => /^\s+\S/.test(l))
}

describe("help lines state their defaults", () => {
  for (const command of ["serve", "load"]) {
    it(`${command} --help`, () => {
      const r = cli([command, "--help"])
      expect(r.code).toBe(0)
      const lines = [...optionLines(r.stdout, "ARGUMENTS"), ...optionLines(r.stdout, "FLAGS")]
      expect(lines.length).toBeGreaterThan(3)
      for (const line of lines) expect(line).toMatch(/\(default: [^)]+\)/)
    })
  }
})
