/**
 * `--variant NAME:path=value[,path=value]` specs: a name and `--set`-style overrides applied on
 * top of the baseline. Overrides are split at top-level commas only, so YAML values with commas
 * inside brackets, braces or quotes stay whole (`lb:serviceLevelThresholds=[20s, 60s]`). Pure;
 * problems come back as messages naming the spec.
 */

export interface VariantSpec {
  readonly name: string
  readonly overrides: ReadonlyArray<string>
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/
const EXAMPLE = `expected NAME:path=value[,path=value], e.g. "lb:routing.policy=least-busy"`

/** Splits at commas outside [], {}, () and quotes. */
export const splitTopLevel = (text: string): Array<string> => {
  const parts: Array<string> = []
  let depth = 0
  let quote: string | undefined
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote !== undefined) {
      if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === "[" || c === "{" || c === "(") depth++
    else if (c === "]" || c === "}" || c === ")") depth = Math.max(0, depth - 1)
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((p) => p.trim())
}

const parseOne = (text: string): VariantSpec | string => {
  const colon = text.indexOf(":")
  const where = `--variant ${JSON.stringify(text)}`
  if (colon < 0) return `${where}: no name; ${EXAMPLE}`
  const name = text.slice(0, colon).trim()
  const body = text.slice(colon + 1).trim()
  if (name === "") return `${where}: empty name; ${EXAMPLE}`
  if (!NAME.test(name)) return `${where}: name ${JSON.stringify(name)} may use only letters, digits, "_", "-" and "."`
  if (name === "baseline") return `${where}: "baseline" is the scenario itself; name the variant something else`
  if (body === "") return `${where}: no overrides; ${EXAMPLE}`
  const overrides = splitTopLevel(body)
  const bad = overrides.find((o) => o.indexOf("=") <= 0)
  if (bad !== undefined) return `${where}: ${JSON.stringify(bad)} is not path=value; ${EXAMPLE}`
  return { name, overrides }
}

/** The good specs and one message per bad one (duplicated names included), so all are reported together. */
export const parseVariants = (
  texts: ReadonlyArray<string>
): { readonly variants: ReadonlyArray<VariantSpec>; readonly problems: ReadonlyArray<string> } => {
  const problems: Array<string> = []
  const variants: Array<VariantSpec> = []
  if (texts.length === 0) problems.push(`no --variant given; ${EXAMPLE}`)
  for (const text of texts) {
    const v = parseOne(text)
    if (typeof v === "string") problems.push(v)
    else if (variants.some((w) => w.name === v.name))
      problems.push(`--variant ${JSON.stringify(text)}: variant "${v.name}" is given twice`)
    else variants.push(v)
  }
  return { variants, problems }
}
