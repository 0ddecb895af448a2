/**
 * The speed and memory targets, judged against the JSON lines of one `npm run bench` run: every
 * simulator rate is divided by the bare M/M/c+M loop's rate from the same run (both per CPU
 * second, so other work on the machine moves the ratio less than the raw rates). Pure: lines in,
 * table rows out; a row whose cases did not run (e.g. `--only`, `--quick`) says so instead.
 */

/** One case's JSON line, as bench/case.ts prints it (only the fields judged here). */
export interface CaseLine {
  readonly case: string
  readonly chats?: number
  readonly seconds?: number
  readonly cpuSeconds?: number
  readonly chatsPerCpuSec?: number
  /** `default` only: the same replications run again once compiled (not judged; it shows the warm-up). */
  readonly warmChatsPerCpuSec?: number
  readonly rssMb?: number
}

export interface TargetRow {
  readonly row: string
  readonly measured: string
  readonly target: string
  /** "missed (time)" / "missed (memory)": a row with two targets that met one of them. */
  readonly status: "met" | "missed" | "missed (time)" | "missed (memory)" | "not run" | "reference"
}

const thousands = (n: number): string => Math.round(n).toLocaleString("en-US")

const ratioRow = (row: string, line: CaseLine | undefined, bare: CaseLine | undefined, min: number): TargetRow => {
  const target = `>= ${min}x bare`
  if (line?.chatsPerCpuSec === undefined || bare?.chatsPerCpuSec === undefined) {
    return { row, measured: "-", target, status: "not run" }
  }
  const bareRate = bare.chatsPerCpuSec
  const ratio = line.chatsPerCpuSec / bareRate
  const times = (rate: number): string => `${(rate / bareRate).toFixed(3)}x`
  const warm =
    line.warmChatsPerCpuSec === undefined
      ? ""
      : ` (warm: ${thousands(line.warmChatsPerCpuSec)} = ${times(line.warmChatsPerCpuSec)})`
  return {
    row,
    measured: `${thousands(line.chatsPerCpuSec)} chats/CPU-s = ${times(line.chatsPerCpuSec)} bare${warm}`,
    target,
    status: ratio >= min ? "met" : "missed"
  }
}

const twoPartStatus = (timeMet: boolean, memoryMet: boolean): TargetRow["status"] =>
  timeMet ? (memoryMet ? "met" : "missed (memory)") : memoryMet ? "missed (time)" : "missed"

/** Enterprise's CPU per chat over its tenth copy's (bench/enterprise-tenth.ts), if both ran. */
const scaleCost = (line: CaseLine, tenth: CaseLine | undefined): string => {
  if (line.chatsPerCpuSec === undefined || tenth?.chatsPerCpuSec === undefined) return ""
  return `; CPU per chat ${(tenth.chatsPerCpuSec / line.chatsPerCpuSec).toFixed(1)}x its tenth's`
}

const enterpriseRow = (line: CaseLine | undefined, tenth: CaseLine | undefined): TargetRow => {
  const row = "enterprise.yaml, one replication, audit off"
  const target = "<= 10 s, <= 300 MB"
  if (line?.seconds === undefined || line.rssMb === undefined) return { row, measured: "-", target, status: "not run" }
  const cpu = line.cpuSeconds === undefined ? "" : ` (${line.cpuSeconds} s CPU)`
  return {
    row,
    measured: `${line.seconds} s${cpu}, ${line.rssMb} MB, ${thousands(line.chats ?? 0)} chats${scaleCost(line, tenth)}`,
    target,
    status: twoPartStatus(line.seconds <= 10, line.rssMb <= 300)
  }
}

const memoryRow = (small: CaseLine | undefined, large: CaseLine | undefined): TargetRow => {
  const row = "10 M chats, peak RSS (1 M beside it)"
  const target = "<= 400 MB, flat in chats"
  if (large?.rssMb === undefined) return { row, measured: "-", target, status: "not run" }
  const beside = small?.rssMb === undefined ? "" : ` (1 M: ${small.rssMb} MB)`
  return { row, measured: `${large.rssMb} MB${beside}`, target, status: large.rssMb <= 400 ? "met" : "missed" }
}

/** The table of docs/performance.md's targets from one run's case lines. */
export const judgeTargets = (lines: ReadonlyArray<CaseLine>): ReadonlyArray<TargetRow> => {
  const byCase = new Map(lines.map((l) => [l.case, l]))
  const bare = byCase.get("bare-loop")
  const bareRow: TargetRow =
    bare?.chatsPerCpuSec === undefined
      ? { row: "bare M/M/c+M loop (the reference)", measured: "-", target: "", status: "not run" }
      : {
          row: "bare M/M/c+M loop (the reference)",
          measured: `${thousands(bare.chatsPerCpuSec)} chats/CPU-s`,
          target: "",
          status: "reference"
        }
  return [
    bareRow,
    ratioRow("Erlang A (100 agents, load 0.95), audit off", byCase.get("erlang-audit-off"), bare, 0.33),
    ratioRow("the same, auditor on every event", byCase.get("erlang-audit-on"), bare, 0.11),
    ratioRow("full default scenario", byCase.get("default"), bare, 0.07),
    enterpriseRow(byCase.get("enterprise"), byCase.get("enterprise-tenth")),
    memoryRow(byCase.get("memory-1000000"), byCase.get("memory-10000000"))
  ]
}

/** The rows as an aligned plain-text table. */
export const formatTargets = (rows: ReadonlyArray<TargetRow>): string => {
  const cells = [["case", "measured", "target", "status"], ...rows.map((r) => [r.row, r.measured, r.target, r.status])]
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((c) => c[i]?.length ?? 0)))
  return cells
    .map((c) =>
      c
        .map((v, i) => v.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()
    )
    .join("\n")
}
