/**
 * The terminal summary: plain text with aligned columns, the blocks of `tables.ts` one after the
 * other. ANSI colour only when asked (`color: true`, e.g. when stdout is a TTY and NO_COLOR is
 * unset; deciding that is the caller's job), applied after padding so alignment never depends on it.
 */
import type { Summary } from "../sim/summary/model.ts"
import type { Block, Cell, Tone } from "./blocks.ts"
import { legendOf } from "./blocks.ts"
import { headerFacts, reportBlocks } from "./tables.ts"

export interface TerminalOptions {
  /** Colour pass/fail and headings with ANSI escapes (default false). */
  readonly color?: boolean
  /** List every reason theory does not apply (default: one line). */
  readonly verbose?: boolean
}

const ansi = { bold: "\u001b[1m", dim: "\u001b[2m", green: "\u001b[32m", red: "\u001b[31m", reset: "\u001b[0m" }
const toneCode: Record<Tone, string> = { pass: ansi.green, fail: ansi.red + ansi.bold, muted: ansi.dim }

/** Colours the visible part of `text` only, leaving padding outside the escapes. */
const paint = (color: boolean, code: string, text: string): string => {
  const m = /^(\s*)(.*?)(\s*)$/.exec(text)
  return color && m !== null && m[2] !== "" ? `${m[1]}${code}${m[2]}${ansi.reset}${m[3]}` : text
}

const renderTable = (block: Extract<Block, { _tag: "table" }>, color: boolean, seen: Set<string>): Array<string> => {
  const widths = block.columns.map((c, i) =>
    Math.max(c.label.length, ...block.rows.map((row) => row[i]?.text.length ?? 0))
  )
  const pad = (text: string, i: number): string => {
    const width = widths[i] ?? 0
    return block.columns[i]?.align === "right" ? text.padStart(width) : text.padEnd(width)
  }
  const line = (cells: ReadonlyArray<Cell>): string =>
    "  " +
    cells
      .map((c, i) => (c.tone === undefined ? pad(c.text, i) : paint(color, toneCode[c.tone], pad(c.text, i))))
      .join("  ")
      .trimEnd()
  return [
    paint(
      color,
      ansi.bold,
      "  " +
        block.columns
          .map((c, i) => pad(c.label, i))
          .join("  ")
          .trimEnd()
    ),
    `  ${widths.map((w) => "-".repeat(w)).join("  ")}`,
    ...block.rows.map(line),
    ...legendOf(block.columns, seen).map((l) => paint(color, ansi.dim, `    ${l}`))
  ]
}

/** One block; `seen` holds the column definitions already given above it (each is given once). */
const renderBlock = (block: Block, color: boolean, seen: Set<string>): Array<string> => [
  paint(color, ansi.bold, block.title),
  ...(block.note === undefined ? [] : [paint(color, ansi.dim, `  ${block.note}`)]),
  ...(block._tag === "table"
    ? renderTable(block, color, seen)
    : block.items.map(
        (item) => `  - ${item.tone === undefined ? item.text : paint(color, toneCode[item.tone], item.text)}`
      ))
]

/** Report blocks as terminal text, a blank line between blocks, ending with a newline (compare, staff). */
export const blocksToText = (blocks: ReadonlyArray<Block>, color = false): string => {
  const seen = new Set<string>()
  return `${blocks.map((b) => renderBlock(b, color, seen).join("\n")).join("\n\n")}\n`
}

/** The whole summary as terminal text, ending with a newline. */
export const renderTerminal = (summary: Summary, options: TerminalOptions = {}): string => {
  const color = options.color ?? false
  const facts = headerFacts(summary)
  const factText = (from: number, to: number): string =>
    "  " +
    facts
      .slice(from, to)
      .map(([k, v]) => `${k} ${v}`)
      .join("  |  ")
  // short facts two lines of them, then each long one on its own line (a warning in colour)
  const header = [
    paint(color, ansi.bold, `livechat-sim: ${summary.scenario}`),
    factText(1, 6),
    factText(6, 9),
    ...facts.slice(9).map(([k, v]) => (k === "warning" ? paint(color, toneCode.fail, `  ${k}: ${v}`) : `  ${k}: ${v}`))
  ]
  return `${header.join("\n")}\n\n${blocksToText(reportBlocks(summary, { verbose: options.verbose ?? false }), color)}`
}
