/**
 * A replication outcome as structured-clone data for `postMessage`: histograms as HDR's compressed
 * base64, the digest as its hex state. `decodeOutcome(encodeOutcome(o))` summarizes exactly as `o`.
 */
import hdr from "hdr-histogram-js"
import type { Violation } from "../../core/audit/auditor.ts"
import { Digest } from "../run/digest.ts"
import type { ReplicationOutcome } from "../run/replications.ts"
import type { Measurements } from "../stats/measurements.ts"
import type { Tally } from "../stats/measurer.ts"

type EncodedTally = Omit<Tally, "waits" | "abandonWaits"> & { readonly waits: string; readonly abandonWaits: string }

export interface EncodedOutcome {
  readonly index: number
  readonly seed: number
  readonly measurements: Omit<Measurements, "queues"> & { readonly queues: ReadonlyArray<EncodedTally> }
  readonly digestHex: string
  readonly digestEvents: number
  readonly stuckChats: number
  readonly violation: Violation | undefined
}

export const encodeOutcome = (o: ReplicationOutcome): EncodedOutcome => {
  const m = o.measurements
  return {
    index: o.index,
    seed: o.seed,
    measurements: {
      queues: m.queues.map((t) => ({
        ...t,
        waits: hdr.encodeIntoCompressedBase64(t.waits),
        abandonWaits: hdr.encodeIntoCompressedBase64(t.abandonWaits)
      })),
      intervals: m.intervals,
      groupIntervals: m.groupIntervals,
      usedSlotMs: m.usedSlotMs,
      staffedSlotMs: m.staffedSlotMs,
      busyAgentMs: m.busyAgentMs,
      loggedInAgentMs: m.loggedInAgentMs,
      queueLengthMs: m.queueLengthMs,
      funnel: m.funnel,
      proactive: m.proactive,
      droppedOnTransfer: m.droppedOnTransfer
    },
    digestHex: o.digest.hex(),
    digestEvents: o.digest.events,
    stuckChats: o.stuckChats,
    violation: o.violation
  }
}

export const decodeOutcome = (e: EncodedOutcome): ReplicationOutcome => ({
  index: e.index,
  seed: e.seed,
  measurements: {
    ...e.measurements,
    queues: e.measurements.queues.map((t) => ({
      ...t,
      waits: hdr.decodeFromCompressedBase64(t.waits),
      abandonWaits: hdr.decodeFromCompressedBase64(t.abandonWaits)
    }))
  },
  digest: Digest.restore(e.digestHex, e.digestEvents),
  stuckChats: e.stuckChats,
  violation: e.violation
})
