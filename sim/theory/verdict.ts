/**
 * Is a simulated estimate consistent with a predicted value? Each row is a two-sided Student-t
 * test of "the true mean is the prediction" over the replications; a set of rows is judged
 * together with Holm's step-down correction, so the chance that a correct simulator shows any row
 * as inconsistent stays below the family-wise level (5% in reports) however many rows there are.
 * Fewer than 2 replications: no test (null, "not judged").
 */
import { studentCdf } from "../stats/intervals.ts"
import type { MetricCI } from "../summary/model.ts"

/** The two-sided p-value of the prediction against the replicated estimate; null when n < 2. */
export const pValue = (predicted: number, m: MetricCI): number | null => {
  if (m.mean === null || m.stderr === null || m.n < 2) return null
  if (m.stderr === 0) return m.mean === predicted ? 1 : 0
  const t = Math.abs(m.mean - predicted) / m.stderr
  return Math.min(1, 2 * (1 - studentCdf(t, m.n - 1)))
}

/**
 * Holm's step-down procedure: sorted by p-value, the k-th smallest (0-based) of m is rejected while
 * p <= alpha / (m - k); once one is kept, every larger one is kept. Rows without a p-value are not
 * judged (null) and do not count in m.
 */
export const holmRejected = (pValues: ReadonlyArray<number | null>, alpha: number): Array<boolean | null> => {
  const judged = pValues.flatMap((p, i) => (p === null ? [] : [[p, i] as const])).sort((a, b) => a[0] - b[0])
  const out: Array<boolean | null> = pValues.map((p) => (p === null ? null : false))
  const m = judged.length
  for (const [k, [p, i]] of judged.entries()) {
    if (p > alpha / (m - k)) break
    out[i] = true
  }
  return out
}
