/**
 * Message templates: text with named placeholders in angle brackets (`"Hi <customerName>"`); a name
 * is one or more characters none of which is whitespace, `<` or `>`. Pure functions: list a
 * template's parameters, fill them, report the missing ones, and find a `<` or `>` that is not part
 * of a placeholder (`strayBracket`, which configuration checks refuse), so that a template that
 * passes the checks fills to text with no reserved character when its values have none.
 */
const PARAM = /<([^\s<>]+)>/g

export const templateParams = (template: string): Array<string> => {
  const names: Array<string> = []
  for (const m of template.matchAll(PARAM)) if (!names.includes(m[1]!)) names.push(m[1]!)
  return names
}

export type Filled =
  | { readonly _tag: "Filled"; readonly text: string }
  | { readonly _tag: "Missing"; readonly names: ReadonlyArray<string> }

export const fillTemplate = (template: string, params: Readonly<Record<string, string>>): Filled => {
  const missing = templateParams(template).filter((n) => !Object.hasOwn(params, n) || params[n]!.trim() === "")
  if (missing.length > 0) return { _tag: "Missing", names: missing }
  return { _tag: "Filled", text: template.replace(PARAM, (_, name: string) => params[name]!) }
}

export interface StrayBracket {
  readonly char: "<" | ">"
  /** 1-based character position in the template text. */
  readonly position: number
}

/** The first `<` or `>` of the template that is not part of a well-formed placeholder, if any. */
export const strayBracket = (template: string): StrayBracket | undefined => {
  const placeholder = new RegExp(PARAM.source, "y")
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]
    if (ch === ">") return { char: ">", position: i + 1 }
    if (ch !== "<") continue
    placeholder.lastIndex = i
    const m = placeholder.exec(template)
    if (m === null) return { char: "<", position: i + 1 }
    i += m[0].length - 1
  }
  return undefined
}
