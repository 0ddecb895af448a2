/**
 * Engine configuration checks (core/config.ts `configProblems`): every problem as a `path: message`
 * line. Templates: text with `<name>` placeholders only; a `<` or `>` outside a well-formed
 * placeholder is refused at load, naming the template and the character (1-based), since the
 * message it would send carries characters reserved for placeholders.
 */
import { describe, expect, it } from "vitest"
import { configProblems, makeEngineConfig } from "../../core/config.ts"
import { fillTemplate, templateParams } from "../../core/templates.ts"

const problemsOf = (templates: Record<string, string>): Array<string> =>
  configProblems(makeEngineConfig({ queues: [{ id: "q" }], agents: [{ id: "a" }], templates }))

describe("configProblems: templates", () => {
  it("accepts text with well-formed placeholders, several and repeated", () => {
    expect(
      problemsOf({ greet: "Hi <customerName>, I am <agentName>. Bye <customerName>!", plain: "Thank you" })
    ).toEqual([])
  })

  it("refuses a stray > and names the template and the character", () => {
    expect(problemsOf({ greeting: "Hi there, 12 is > 1" })).toEqual(['templates.greeting: stray ">" at character 17'])
  })

  it("refuses a stray < (never closed, or followed by another <)", () => {
    expect(problemsOf({ open: "Hi <customerName" })).toEqual(['templates.open: stray "<" at character 4'])
    expect(problemsOf({ twice: "a << b" })).toEqual(['templates.twice: stray "<" at character 3'])
    expect(problemsOf({ nested: "Hi <<name>>" })).toEqual(['templates.nested: stray "<" at character 4'])
  })

  it("refuses brackets around an empty name or one with spaces: not a placeholder", () => {
    expect(problemsOf({ empty: "Hi <>" })).toEqual(['templates.empty: stray "<" at character 4'])
    expect(problemsOf({ math: "if x < 3 and y > 2" })).toEqual(['templates.math: stray "<" at character 6'])
  })

  it("reports a stray character after good placeholders, and every bad template", () => {
    expect(problemsOf({ a: "Hi <customerName> :>", b: "ok <x>", c: "<" })).toEqual([
      'templates.a: stray ">" at character 20',
      'templates.c: stray "<" at character 1'
    ])
  })
})

describe("templates: placeholders", () => {
  it("a placeholder name has no spaces: a valid template fills to text with no < or >", () => {
    expect(templateParams("Hi <customerName>, I am <agentName>")).toEqual(["customerName", "agentName"])
    expect(fillTemplate("Hi <customerName>!", { customerName: "Ann" })).toEqual({ _tag: "Filled", text: "Hi Ann!" })
  })
})
