/**
 * The load run's summary (the `--json` file, k6 handleSummary-like): what was driven (scenario,
 * scales, arrival rate, agents), every counter, every Trend's percentiles in ms, the audit and the
 * thresholds; and the terminal lines that print it. Pure functions of a finished run.
 */
import type { LoadRun } from "./driver.ts"
import type { TrendName, TrendSummary } from "./metrics.ts"
import { TRENDS } from "./metrics.ts"
import { CHAT_ENDS, END_COUNTERS } from "./outcomes.ts"
import type { LoadThreshold, LoadThresholdResult } from "./thresholds.ts"
import { evaluateLoadThresholds } from "./thresholds.ts"

export interface RunFacts {
  readonly scenario: string
  readonly url: string
  readonly seed: number
  readonly durationMs: number
  readonly timeScale: number
  readonly loadScale: number
  readonly plannedArrivalsPerSec: number
  readonly chatsPlanned: number
  readonly agents: number
  readonly agentGroups: Readonly<Record<string, number>>
}

export type LoadSummary = RunFacts &
  Record<string, unknown> & {
    readonly chatsStarted: number
    readonly chatsCompleted: number
    readonly messagesSent: number
    readonly lostMessages: number
    readonly duplicatedMessages: number
    readonly auditViolations: number | null
    readonly audit: Record<string, unknown>
    readonly errorCodes: Readonly<Record<string, number>>
    readonly thresholds: ReadonlyArray<LoadThresholdResult>
    readonly wallMs: number
  } & Readonly<Record<TrendName, TrendSummary>>

/** The counter names a threshold may use (known before the run). */
export const COUNTERS = [
  "chatsAttempted",
  "chatsStarted",
  "chatsCompleted",
  "chatsAbandoned",
  "chatsOtherOutcome",
  "chatsUnfinished",
  "chatsRefused",
  "chatsLostConnection",
  "chatsDropped",
  "reconnects",
  "agentsLostConnection",
  "offers",
  "accepts",
  "declines",
  "missed",
  "rona",
  "transfers",
  "conferences",
  "wrapUps",
  "messagesSent",
  "messagesCrossed",
  "messagesAcked",
  "messagesReceived",
  "messagesRefused",
  "lostMessages",
  "duplicatedMessages",
  "unansweredMessages",
  "connectErrors",
  "unexpectedCloses",
  "errorFrames",
  "auditViolations"
] as const

export const summarize = (facts: RunFacts, run: LoadRun, thresholds: ReadonlyArray<LoadThreshold>): LoadSummary => {
  const m = run.metrics
  const audit = run.audit
  const auditViolations = audit._tag === "Audited" ? (audit.violation === undefined ? 0 : 1) : null
  const ends = Object.fromEntries(CHAT_ENDS.map((e) => [END_COUNTERS[e], m.chats.ended[e]]))
  const counters: Record<string, number> = {
    ...m.counts,
    chatsAttempted: m.chats.attempted,
    ...ends,
    lostMessages: m.lostMessages(),
    unansweredMessages: m.unanswered(),
    auditViolations: auditViolations ?? Number.NaN
  }
  const trends = Object.fromEntries(TRENDS.map((t) => [t, m.trends[t].summary()])) as Record<TrendName, TrendSummary>
  const results = evaluateLoadThresholds(thresholds, {
    trend: (name) => ({ ...trends[name], at: (p) => m.trends[name].at(p) }),
    counter: (name) => counters[name] ?? Number.NaN
  })
  return {
    tool: "livechat-sim load",
    ...facts,
    ...counters,
    chatsStarted: m.counts.chatsStarted,
    chatsCompleted: m.chats.ended.completed,
    messagesSent: m.counts.messagesSent,
    lostMessages: counters["lostMessages"]!,
    duplicatedMessages: m.counts.duplicatedMessages,
    auditViolations,
    audit:
      audit._tag === "Audited"
        ? {
            inputs: audit.inputs,
            events: audit.events,
            violation:
              audit.violation === undefined
                ? null
                : { rule: audit.violation.rule, message: audit.violation.message, atMs: audit.violation.atMs }
          }
        : { skipped: audit.reason },
    errorCodes: Object.fromEntries(m.errorCodes),
    ...trends,
    thresholds: results,
    wallMs: Math.round(run.wallMs)
  }
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))

/** The summary as terminal lines (k6's end-of-test style). */
export const terminalLines = (s: LoadSummary): ReadonlyArray<string> => {
  const trendLine = (t: TrendName): string => {
    const x = s[t]
    return `  ${t.padEnd(17)} n=${String(x.count).padEnd(7)} p50=${ms(x.p50)} p90=${ms(x.p90)} p95=${ms(x.p95)} p99=${ms(x.p99)} max=${ms(x.max)}`
  }
  const n = (k: string): string => String(s[k] ?? "")
  const audit =
    s.auditViolations === null
      ? `skipped (${String(s.audit["skipped"])})`
      : s.auditViolations === 0
        ? `clean (${String(s.audit["inputs"])} inputs, ${String(s.audit["events"])} events)`
        : `VIOLATION ${JSON.stringify(s.audit["violation"])}`
  return [
    `livechat-sim load: ${s.scenario} against ${s.url} for ${s.durationMs / 1000} s (time scale ${s.timeScale}, load scale ${Number(s.loadScale.toFixed(4))}, ` +
      `${s.plannedArrivalsPerSec.toFixed(2)} arrivals/s planned, ${s.agents} agents)`,
    `  chats      attempted ${n("chatsAttempted")} = completed ${n("chatsCompleted")} + abandoned ${n("chatsAbandoned")} + other outcome ${n("chatsOtherOutcome")} + ` +
      `refused ${n("chatsRefused")} + unfinished ${n("chatsUnfinished")} + lost connection ${n("chatsLostConnection")}` +
      ` (started ${n("chatsStarted")}; dropped before starting ${n("chatsDropped")})`,
    `  offers     ${n("offers")} (accepted ${n("accepts")}, missed ${n("missed")} -> RONA ${n("rona")}, declined ${n("declines")}), transfers ${n("transfers")}, ` +
      `conferences ${n("conferences")}, wrap-ups ${n("wrapUps")}`,
    `  messages   sent ${n("messagesSent")}, acked ${n("messagesAcked")}, received ${n("messagesReceived")}, refused ${n("messagesRefused")}, ` +
      `lost ${n("lostMessages")}, duplicated ${n("duplicatedMessages")}` +
      (n("messagesCrossed") === "0" ? "" : ` (crossed to another generator, not judged here: ${n("messagesCrossed")})`),
    `  sockets    connect errors ${n("connectErrors")}, unexpected closes ${n("unexpectedCloses")}, reconnects ${n("reconnects")}, ` +
      `agents lost ${n("agentsLostConnection")}, error frames ${n("errorFrames")}` +
      (Object.keys(s.errorCodes).length > 0 ? ` ${JSON.stringify(s.errorCodes)}` : ""),
    ...TRENDS.map(trendLine),
    `  audit      ${audit}`,
    ...s.thresholds.map((t) => `  threshold  ${t.ok ? "ok  " : "FAIL"} ${t.metric}:${t.expression} (value ${t.value})`)
  ]
}
