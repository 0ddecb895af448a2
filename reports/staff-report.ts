/**
 * The staffing answer as report blocks (the same cells in terminal, Markdown and HTML) and as CSV:
 * one row per period with the offered chats and load, the agents required on duty per staffing
 * group (and paid, with shrinkage), the Erlang estimate, the metrics achieved at the requirement
 * with their intervals, the roster on duty and the gap; then the roster check (what the scenario's
 * own shifts and breaks achieve). Metric names come from the metric catalog. The Erlang-calculator
 * view (`--table`) is a block of its own.
 */

import type { Staffing } from "../sim/staff/run.ts"
import type { StaffTable } from "../sim/staff/table.ts"
import type { Estimate } from "../sim/staff/targets.ts"
import { metricInfo } from "../sim/summary/catalog.ts"
import type { Block, Cell } from "./blocks.ts"
import { cell, left, right } from "./blocks.ts"
import { decimalsFor, formatCount, formatIn, unitOf } from "./format.ts"
import { blocksToMarkdown, escapeMarkdown } from "./markdown.ts"
import { blocksToText } from "./terminal.ts"

const scale = { percent: 100, seconds: 0.001, chats: 1 } as const

/**
 * "82.1% [80.7, 83.7]" at the staffing's confidence; "n/a" without chats. A ratio's interval is
 * shown within [0, 100%], where the metric lives (the t interval itself may reach past it).
 */
export const estimateText = (key: string, e: Estimate | undefined): string => {
  if (e === undefined || !Number.isFinite(e.mean)) return "n/a"
  const unit = unitOf(key)
  const d = decimalsFor(((e.ci[1] - e.ci[0]) / 2) * scale[unit])
  const decimals = Number.isNaN(d) ? 1 : d
  const clamp = (x: number) =>
    unit === "percent" ? Math.min(1, Math.max(0, x)) : unit === "seconds" ? Math.max(0, x) : x
  const [lo, hi] = e.ci.map((x) => formatIn(clamp(x), unit, decimals).replace(/[^\d.-]+$/, ""))
  return e.n < 2 ? `${formatIn(e.mean, unit, decimals)} [n/a]` : `${formatIn(e.mean, unit, decimals)} [${lo}, ${hi}]`
}

const name = (key: string): string => metricInfo(key)?.name ?? key
const one = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1))
const signed = (x: number): string => (x > 0 ? `+${one(x)}` : one(x))
const pct = (c: number): string => `${Number((c * 100).toFixed(2))}%`

/** The metrics shown per period: the targets' own, then the first service level, ASA and abandonment. */
const shownKeys = (s: Staffing): Array<string> => {
  const keys = Object.keys(s.periods[0]?.achieved ?? {})
  const firstLevel = keys.find((k) => k.startsWith("serviceLevel."))
  return [
    ...new Set([...s.targetMetrics, ...(firstLevel === undefined ? [] : [firstLevel]), "asaMs", "abandonRate"])
  ].filter((k) => keys.includes(k))
}

const hasShrinkage = (s: Staffing): boolean => s.groups.some((g) => g.shrinkage > 0)

export const staffFacts = (s: Staffing): ReadonlyArray<readonly [string, string]> => [
  ["scenario", s.scenario],
  ["targets", s.targets.join(", ")],
  [
    "confidence",
    `${pct(s.confidence)} (two-sided interval over replications; the bound on a target's side must meet it)`
  ],
  [
    "replications",
    `${s.replications} per candidate (common random numbers); the answer verified on ${s.replications} fresh ones`
  ],
  ["method", s.method],
  [
    "groups",
    s.groups
      .map(
        (g) =>
          `${g.id} (${g.queues.join(", ")}; capacity ${g.capacity}; cost ${g.costPerHour}/h` +
          `${g.shrinkage > 0 ? `; shrinkage ${pct(g.shrinkage)}` : ""})`
      )
      .join("; ")
  ],
  [
    "day",
    `required ${one(s.totals.requiredHours)} agent-hours on duty` +
      `${hasShrinkage(s) ? `, ${one(s.totals.paidHours)} paid` : ""}, roster ${one(s.totals.rosterHours)}, cost ${one(s.totals.cost)}`
  ],
  ["simulations", `${s.simulations} simulated days`],
  ["engine", s.engineVersion],
  ["audit", s.audit ? "on in verification" : "off"]
]

const requirementBlock = (s: Staffing): Block => {
  const keys = shownKeys(s)
  const groups = s.groups.map((g) => g.id)
  const multi = groups.length > 1
  return {
    _tag: "table",
    id: "staffing",
    title: "Requirement per interval",
    note:
      `Agents that must be on duty (logged in, not on break) per staffing group to meet every target, whatever the ` +
      `roster; metrics at that staffing on fresh replications, mean [${pct(s.confidence)} CI]. Roster: agents on duty in ` +
      "the scenario's shifts and breaks; gap = roster - required.",
    columns: [
      left("interval"),
      right("chats/h"),
      right("Erlangs", "offered load: chats per hour x mean slot holding time"),
      ...groups.map((g) => right(multi ? `req ${g}` : "required", `agents of ${g} required on duty`)),
      ...(multi ? [right("req total")] : []),
      ...(hasShrinkage(s) ? [right("paid", "required / (1 - shrinkage), all groups")] : []),
      right("Erlang", "the Erlang estimate (each interval alone, stationary), all groups"),
      ...keys.map((k) => right(name(k), metricInfo(k)?.definition)),
      right("roster"),
      right("gap"),
      left("met")
    ],
    rows: s.periods.map((p) => {
      const total = groups.reduce((sum, g) => sum + p.required[g]!, 0)
      const roster = groups.reduce((sum, g) => sum + p.roster[g]!, 0)
      const erlang = groups.reduce((sum, g) => sum + (p.erlang[g] ?? Number.NaN), 0)
      const paid = groups.reduce((sum, g) => sum + p.paid[g]!, 0)
      const row: Array<Cell> = [
        cell(p.interval),
        cell(formatCount(Math.round(p.offeredPerHour))),
        cell(p.offeredErlangs.toFixed(1)),
        ...groups.map((g) => (p.met ? cell(String(p.required[g])) : cell("not met", "fail"))),
        ...(multi ? [cell(p.met ? String(total) : "n/a")] : []),
        ...(hasShrinkage(s) ? [cell(paid.toFixed(1))] : []),
        cell(Number.isFinite(erlang) ? String(erlang) : "n/a", "muted"),
        ...keys.map((k) => cell(estimateText(k, p.achieved[k]))),
        cell(one(roster)),
        cell(signed(roster - total), roster < total ? "fail" : undefined),
        cell(p.met ? "yes" : "no", p.met ? "pass" : "fail")
      ]
      return row
    })
  }
}

const rosterBlock = (s: Staffing): Block => {
  const keys = shownKeys(s)
  const groups = s.groups.map((g) => g.id)
  return {
    _tag: "table",
    id: "roster",
    title: "Roster check",
    note:
      "The scenario's own shifts and breaks, simulated as written: agents on duty per staffing group and what " +
      "they achieve (fresh replications).",
    columns: [
      left("interval"),
      ...groups.map((g) => right(groups.length > 1 ? `on duty ${g}` : "on duty")),
      ...groups.map((g) => right(groups.length > 1 ? `gap ${g}` : "gap")),
      ...keys.map((k) => right(name(k))),
      left("targets")
    ],
    rows: s.periods.map((p) => [
      cell(p.interval),
      ...groups.map((g) => cell(one(p.roster[g]!))),
      ...groups.map((g) =>
        p.met
          ? cell(signed(p.roster[g]! - p.required[g]!), p.roster[g]! < p.required[g]! ? "fail" : undefined)
          : cell("n/a", "muted")
      ),
      ...keys.map((k) => cell(estimateText(k, p.rosterAchieved[k]))),
      cell(p.rosterMet ? "met" : "missed", p.rosterMet ? "pass" : "fail")
    ])
  }
}

export const staffBlocks = (s: Staffing): ReadonlyArray<Block> => [requirementBlock(s), rosterBlock(s)]

const verboseBlock = (s: Staffing): ReadonlyArray<Block> =>
  s.tried === undefined
    ? []
    : [
        {
          _tag: "table",
          id: "tried",
          title: "Candidates tried",
          note: "Every simulated day of the search, interval by interval: its phase, iteration, agents per group, and whether it met the targets.",
          columns: [left("phase"), right("iteration"), left("interval"), left("agents"), left("met")],
          rows: s.tried.map((t) => [
            cell(t.phase),
            cell(String(t.iteration)),
            cell(t.interval),
            cell(
              Object.entries(t.agents)
                .map(([g, n]) => `${g}=${n}`)
                .join(" ")
            ),
            cell(t.met ? "yes" : "no", t.met ? "pass" : "muted")
          ])
        }
      ]

export const renderStaffTerminal = (s: Staffing): string =>
  [
    `livechat-sim staff: ${s.scenario}`,
    ...staffFacts(s)
      .slice(1)
      .map(([k, v]) => `  ${k}: ${v}`),
    ""
  ].join("\n") +
  "\n" +
  blocksToText([...staffBlocks(s), ...verboseBlock(s)])

export const renderStaffMarkdown = (s: Staffing): string =>
  [
    `# livechat-sim staff: ${escapeMarkdown(s.scenario)}`,
    "",
    ...staffFacts(s).map(([k, v]) => `- **${escapeMarkdown(k)}**: ${escapeMarkdown(v)}`),
    "",
    blocksToMarkdown(staffBlocks(s))
  ].join("\n")

const csvCell = (v: string | number | null): string => {
  const text = v === null ? "" : String(v)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The interval table for a spreadsheet: one row per period, every group and metric in columns. */
export const renderStaffCsv = (s: Staffing): string => {
  const groups = s.groups.map((g) => g.id)
  const keys = Object.keys(s.periods[0]?.achieved ?? {})
  const header = [
    "interval",
    "startMs",
    "endMs",
    "offeredPerHour",
    "offeredErlangs",
    "met",
    ...groups.flatMap((g) => [`required:${g}`, `paid:${g}`, `roster:${g}`, `gap:${g}`, `erlang:${g}`]),
    ...keys.flatMap((k) => [`${k}:mean`, `${k}:lo`, `${k}:hi`]),
    "rosterMet",
    ...keys.flatMap((k) => [`roster:${k}:mean`, `roster:${k}:lo`, `roster:${k}:hi`])
  ]
  const est = (e: Estimate | undefined) =>
    [e?.mean ?? null, e?.ci[0] ?? null, e?.ci[1] ?? null].map((x) => (x !== null && Number.isFinite(x) ? x : null))
  const lines = s.periods.map((p) =>
    [
      p.interval,
      p.startMs,
      p.endMs,
      p.offeredPerHour,
      p.offeredErlangs,
      p.met,
      ...groups.flatMap((g) => [
        p.met ? p.required[g]! : null,
        p.met ? p.paid[g]! : null,
        p.roster[g]!,
        p.met ? p.roster[g]! - p.required[g]! : null,
        p.erlang[g] ?? null
      ]),
      ...keys.flatMap((k) => est(p.achieved[k])),
      p.rosterMet,
      ...keys.flatMap((k) => est(p.rosterAchieved[k]))
    ]
      .map((v) => csvCell(typeof v === "boolean" ? String(v) : v))
      .join(",")
  )
  return `${[header.map(csvCell).join(","), ...lines].join("\n")}\n`
}

/** The Erlang-calculator view as a block. */
export const tableBlock = (t: StaffTable): Block => {
  const splits = Object.keys(t.rows[0]?.split ?? {}).length > 1
  const erlang = t.model === undefined ? [] : t.keys
  return {
    _tag: "table",
    id: "erlang-table",
    title: `Agents on duty against service (${t.interval})`,
    note:
      `${formatCount(Math.round(t.offeredPerHour))} chats/h, ${t.offeredErlangs.toFixed(1)} Erlangs offered; simulated: ` +
      `mean [${pct(t.confidence)} CI] over ${t.replications} replications` +
      (t.model === undefined
        ? "; Erlang C/A do not apply to this scenario."
        : `; ${t.model === "erlang-c" ? "Erlang C" : "Erlang A"} beside.`),
    columns: [
      right("agents"),
      ...(splits ? [left("per group")] : []),
      ...t.keys.flatMap((k) => [right(name(k)), ...(erlang.includes(k) ? [right(`${name(k)} Erlang`)] : [])]),
      ...(t.targets.length > 0 ? [left("targets")] : [])
    ],
    rows: t.rows.map((r) => [
      cell(String(r.agents)),
      ...(splits
        ? [
            cell(
              Object.entries(r.split)
                .map(([g, n]) => `${g}=${n}`)
                .join(" ")
            )
          ]
        : []),
      ...t.keys.flatMap((k) => [
        cell(estimateText(k, r.simulated[k])),
        ...(erlang.includes(k)
          ? [cell(r.erlang?.[k] === undefined ? "n/a" : formatIn(r.erlang[k]!, unitOf(k), 1), "muted")]
          : [])
      ]),
      ...(r.met === undefined ? [] : [cell(r.met ? "met" : "missed", r.met ? "pass" : "fail")])
    ])
  }
}

export const renderTableTerminal = (t: StaffTable): string =>
  `livechat-sim staff --table: ${t.scenario}\n\n${blocksToText([tableBlock(t)])}` +
  (t.targets.length === 0
    ? ""
    : t.answer === undefined
      ? `\nno number of agents in the range meets every target\n`
      : `\nanswer: ${t.answer} agents on duty, the fewest in the range that meet every target\n`)
