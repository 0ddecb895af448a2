/**
 * The summary as a GitHub-flavoured Markdown document (for PR comments and CI job summaries): the
 * blocks of `tables.ts` as headed tables. Every text from the summary is escaped, so a scenario
 * or queue name cannot break a table or inject HTML.
 */
import type { Summary } from "../sim/summary/model.ts"
import type { Block, Cell } from "./blocks.ts"
import { legendOf } from "./blocks.ts"
import { headerFacts, reportBlocks } from "./tables.ts"

/**
 * Escapes what Markdown or HTML would interpret inside a paragraph or table cell (emphasis, code,
 * links, pipes, tags, entities); keeps the text on one line.
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, " ")

/** Also escapes what would start a heading, list or quote at the beginning of a line. */
const escapeLineStart = (text: string): string => text.replace(/^([#+-])/, "\\$1").replace(/^(\d+)\./, "$1\\.")

const cellText = (c: Cell, lineStart = false): string => {
  const text = lineStart ? escapeLineStart(escapeMarkdown(c.text)) : escapeMarkdown(c.text)
  if (text === "") return ""
  if (c.tone === "fail") return `**${text}**`
  return c.tone === "muted" ? `_${text}_` : text
}

const renderBlock = (block: Block, seen: Set<string>): string => {
  const lines = [`## ${escapeMarkdown(block.title)}`, ""]
  if (block.note !== undefined) lines.push(escapeLineStart(escapeMarkdown(block.note)), "")
  if (block._tag === "list") {
    lines.push(...block.items.map((item) => `- ${cellText(item, true)}`))
    return lines.join("\n")
  }
  lines.push(
    `| ${block.columns.map((c) => escapeMarkdown(c.label)).join(" | ")} |`,
    `|${block.columns.map((c) => (c.align === "right" ? " ---: " : " :--- ")).join("|")}|`,
    ...block.rows.map((row) => `| ${row.map((c) => cellText(c)).join(" | ")} |`)
  )
  const legend = legendOf(block.columns, seen)
  if (legend.length > 0) lines.push("", ...legend.map((l) => `- ${escapeMarkdown(l)}`))
  return lines.join("\n")
}

/** Report blocks as Markdown sections (`##` headings), ending with a newline (compare, staff). */
export const blocksToMarkdown = (blocks: ReadonlyArray<Block>): string => {
  const seen = new Set<string>()
  return `${blocks.map((b) => renderBlock(b, seen)).join("\n\n")}\n`
}

const verdict = (summary: Summary): string => {
  const failed = summary.thresholds.filter((t) => t.ok === false).length
  if (summary.thresholds.length === 0) return "No thresholds defined."
  return failed === 0
    ? `**All ${summary.thresholds.length} thresholds passed.**`
    : `**${failed} of ${summary.thresholds.length} thresholds failed.**`
}

/** The whole summary as Markdown, ending with a newline. */
export const renderMarkdown = (summary: Summary): string => {
  const facts = headerFacts(summary).slice(1)
  const header = [
    `# livechat-sim: ${escapeMarkdown(summary.scenario)}`,
    "",
    verdict(summary),
    "",
    ...facts.map(
      ([k, v]) => `- **${escapeMarkdown(k)}**: ${k === "digest" ? `\`${v.replace(/`/g, "")}\`` : escapeMarkdown(v)}`
    )
  ]
  return `${header.join("\n")}\n\n${blocksToMarkdown(reportBlocks(summary, { verbose: true }))}`
}
