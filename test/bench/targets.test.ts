// The bench's target table: rates judged against the bare loop of the same run, per CPU second;
// enterprise on wall seconds and RSS (its tenth copy shown beside it); memory on the 10 M case; rows whose cases did not run say so.
import { describe, expect, it } from "vitest"
import { formatTargets, judgeTargets } from "../../bench/targets.ts"

const bare = { case: "bare-loop", chatsPerCpuSec: 1_000_000 }

describe("bench targets", () => {
  it("divides each simulator rate by the bare loop's and judges it against its floor", () => {
    const rows = judgeTargets([
      bare,
      { case: "erlang-audit-off", chatsPerCpuSec: 340_000 },
      { case: "erlang-audit-on", chatsPerCpuSec: 100_000 },
      { case: "default", chatsPerCpuSec: 70_000 }
    ])
    expect(rows.map((r) => r.status)).toEqual(["reference", "met", "missed", "met", "not run", "not run"])
    expect(rows[1]?.measured).toContain("0.340x bare")
    expect(rows[2]?.measured).toContain("0.100x bare")
  })

  it("shows the default scenario's warm rate beside its figure and judges only the first pass", () => {
    const rows = judgeTargets([bare, { case: "default", chatsPerCpuSec: 20_000, warmChatsPerCpuSec: 80_000 }])
    expect(rows[3]).toMatchObject({
      status: "missed",
      measured: "20,000 chats/CPU-s = 0.020x bare (warm: 80,000 = 0.080x)"
    })
  })

  it("judges enterprise on both time and memory, and memory on the 10 M case", () => {
    const rows = judgeTargets([
      bare,
      { case: "enterprise", chats: 955_000, seconds: 9.5, cpuSeconds: 9.8, rssMb: 310 },
      { case: "memory-1000000", rssMb: 250 },
      { case: "memory-10000000", rssMb: 399 }
    ])
    expect(rows[4]).toMatchObject({ status: "missed (memory)", measured: "9.5 s (9.8 s CPU), 310 MB, 955,000 chats" })
    expect(rows[5]).toMatchObject({ status: "met", measured: "399 MB (1 M: 250 MB)" })
    const enterprise = (seconds: number, rssMb: number) =>
      judgeTargets([bare, { case: "enterprise", chats: 1, seconds, rssMb }])[4]?.status
    expect([enterprise(21, 270), enterprise(21, 310), enterprise(9, 290)]).toEqual(["missed (time)", "missed", "met"])
  })

  it("shows enterprise's CPU per chat over its tenth copy's beside the row, without judging it", () => {
    const enterprise = { case: "enterprise", chats: 1_000_000, seconds: 12, cpuSeconds: 12.5, rssMb: 280 }
    const line = (tenth: number) =>
      judgeTargets([
        bare,
        { ...enterprise, chatsPerCpuSec: 40_000 },
        { case: "enterprise-tenth", chatsPerCpuSec: tenth }
      ])[4]
    expect(line(100_000)).toMatchObject({
      status: "missed (time)",
      measured: "12 s (12.5 s CPU), 280 MB, 1,000,000 chats; CPU per chat 2.5x its tenth's"
    })
    expect(line(40_000)?.measured).toContain("1.0x its tenth's")
    expect(judgeTargets([bare, { ...enterprise, chatsPerCpuSec: 40_000 }])[4]?.measured).not.toContain("tenth")
  })

  it("without the bare loop no ratio is judged", () => {
    const rows = judgeTargets([{ case: "erlang-audit-off", chatsPerCpuSec: 340_000 }])
    expect(rows[1]?.status).toBe("not run")
    expect(formatTargets(rows).split("\n")).toHaveLength(rows.length + 1)
  })
})
