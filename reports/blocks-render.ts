/**
 * Renders the report blocks of `tables.ts` (tables and lists of formatted cells) as plain terminal
 * text, GitHub Markdown or HTML sections, for reports other than the run summary (`compare`,
 * `staff`) so they look like `run`'s. Every text is escaped for its target. Pure.
 */
import { escapeMarkdown } from "./markdown.ts"
import { escapeXml } from "./svg.ts"
import type { Block, Cell } from "./tables.ts"

type Table = Extract<Block, { _tag: "table" }>

const textTable = (block: Table): Array<string> => {
  const widths = block.columns.map((c, i) => Math.max(c.label.length, ...block.rows.map((row) => row[i]?.text.length ?? 0)))
  const pad = (text: string, i: number): string =>
    block.columns[i]?.align === "right" ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0)
  const line = (texts: ReadonlyArray<string>): string => ("  " + texts.map(pad).join("  ")).trimEnd()
  return [
    line(block.columns.map((c) => c.label)),
    "  " + widths.map((w) => "-".repeat(w)).join("  "),
    ...block.rows.map((row) => line(row.map((c) => c.text)))
  ]
}

/** Blocks as terminal text, a blank line between blocks, ending with a newline. */
export const blocksToText = (blocks: ReadonlyArray<Block>): string =>
  blocks.map((b) => [
    b.title,
    ...(b.note === undefined ? [] : [`  ${b.note}`]),
    ...(b._tag === "table" ? textTable(b) : b.items.map((i) => `  - ${i.text}`))
  ].join("\n")).join("\n\n") + "\n"

const mdCell = (c: Cell): string => {
  const text = escapeMarkdown(c.text)
  if (text === "") return ""
  return c.tone === "fail" ? `**${text}**` : c.tone === "muted" ? `_${text}_` : text
}

/** Blocks as Markdown sections (`##` headings), ending with a newline. */
export const blocksToMarkdown = (blocks: ReadonlyArray<Block>): string =>
  blocks.map((b) => {
    const lines = [`## ${escapeMarkdown(b.title)}`, ""]
    if (b.note !== undefined) lines.push(escapeMarkdown(b.note), "")
    if (b._tag === "list") return [...lines, ...b.items.map((i) => `- ${mdCell(i)}`)].join("\n")
    return [
      ...lines,
      `| ${b.columns.map((c) => escapeMarkdown(c.label)).join(" | ")} |`,
      `|${b.columns.map((c) => (c.align === "right" ? " ---: " : " :--- ")).join("|")}|`,
      ...b.rows.map((row) => `| ${row.map(mdCell).join(" | ")} |`)
    ].join("\n")
  }).join("\n\n") + "\n"

const cls = (...names: ReadonlyArray<string | undefined>): string => {
  const list = names.filter((n): n is string => n !== undefined && n !== "")
  return list.length === 0 ? "" : ` class="${list.join(" ")}"`
}

/** One block as an HTML `<section class="block">` (the report stylesheet's classes). */
export const blockToHtml = (b: Block): string => {
  const head = `<h2>${escapeXml(b.title)}</h2>` + (b.note === undefined ? "" : `<p class="note">${escapeXml(b.note)}</p>`)
  if (b._tag === "list") {
    const items = b.items.map((i) => `<li${cls(i.tone)}>${escapeXml(i.text)}</li>`).join("")
    return `<section class="block" id="${escapeXml(b.id)}">${head}<ul class="reasons">${items}</ul></section>`
  }
  const num = (i: number) => (b.columns[i]?.align === "right" ? "num" : undefined)
  const header = b.columns.map((c, i) => `<th scope="col"${cls(num(i))}>${escapeXml(c.label)}</th>`).join("")
  const rows = b.rows.map((row) => `<tr>${row.map((c, i) => `<td${cls(num(i), c.tone)}>${escapeXml(c.text)}</td>`).join("")}</tr>`).join("")
  const wide = b.columns.length > 4 ? " wide" : ""
  return `<section class="block${wide}" id="${escapeXml(b.id)}">${head}<div class="table-wrap"><table>` +
    `<thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table></div></section>`
}
