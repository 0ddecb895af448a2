/**
 * Message templates: text with named parameters in angle brackets (`"Hi <customerName>"`).
 * Pure functions: list a template's parameters, fill them, report the missing ones.
 */
const PARAM = /<([^<>]*)>/g

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
