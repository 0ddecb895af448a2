/**
 * The report as data: blocks (tables and lists of already formatted cells) that the terminal,
 * Markdown and HTML renderers all draw, so the three show the same numbers with the same rounding.
 * A column may carry its definition (from the metric catalog); every renderer shows it beside the
 * table, so a header never leaves its meaning to guesswork.
 */
export type Tone = "pass" | "fail" | "muted"
export interface Cell {
  readonly text: string
  readonly tone?: Tone
}
export interface Column {
  readonly label: string
  readonly align: "left" | "right"
  /** What the column is: "answered within 20s / arrived". */
  readonly definition?: string
}

export type Block =
  | {
      readonly _tag: "table"
      readonly id: string
      readonly title: string
      readonly note?: string
      readonly columns: ReadonlyArray<Column>
      readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
    }
  | {
      readonly _tag: "list"
      readonly id: string
      readonly title: string
      readonly note?: string
      readonly items: ReadonlyArray<Cell>
    }

export const left = (label: string, definition?: string): Column =>
  definition === undefined ? { label, align: "left" } : { label, align: "left", definition }
export const right = (label: string, definition?: string): Column =>
  definition === undefined ? { label, align: "right" } : { label, align: "right", definition }
export const cell = (text: string, tone?: Tone): Cell => (tone === undefined ? { text } : { text, tone })

/**
 * "label: definition" for each column that has one, in column order (the table's legend). With
 * `seen`, a line already given under an earlier table of the same report is left out (and added).
 */
export const legendOf = (columns: ReadonlyArray<Column>, seen?: Set<string>): Array<string> =>
  columns.flatMap((c) => {
    if (c.definition === undefined) return []
    const line = `${c.label}: ${c.definition}`
    if (seen?.has(line) === true) return []
    seen?.add(line)
    return [line]
  })

/** Where every metric is defined at length, named in each report's header. */
export const METRICS_DOC = "docs/metrics.md"
