/**
 * What a comparison produces (and `compare --json` writes): the baseline and each variant, per
 * group (the whole center, then each queue) and metric, the two means, the paired and unpaired
 * differences (variant - baseline) with 95% CIs, and the verdict; plus the `--fail-if` results.
 */
import type { PairedDifference, UnpairedDifference, Verdict } from "./difference.ts"
import type { Direction, MetricKey } from "./metrics.ts"

export interface MetricComparison {
  readonly metric: MetricKey
  readonly direction: Direction
  /** Mean over the replications where the metric is defined. */
  readonly baselineMean: number
  readonly variantMean: number
  readonly paired: PairedDifference
  readonly unpaired: UnpairedDifference
  readonly verdict: Verdict
}

export type GroupComparison = Readonly<Record<MetricKey, MetricComparison>>

export interface VariantComparison {
  readonly name: string
  readonly overrides: ReadonlyArray<string>
  readonly overall: GroupComparison
  readonly queues: Readonly<Record<string, GroupComparison>>
}

export interface ConditionResult {
  readonly condition: string
  readonly variant: string
  readonly holds: boolean
  readonly paired: PairedDifference
}

export interface Comparison {
  readonly scenario: string
  readonly baseline: string
  readonly seed: number
  readonly replications: number
  readonly engineVersion: string
  readonly audit: boolean
  /** Metric keys in report order. */
  readonly metrics: ReadonlyArray<MetricKey>
  readonly queueIds: ReadonlyArray<string>
  readonly variants: ReadonlyArray<VariantComparison>
  readonly failIf: ReadonlyArray<ConditionResult>
}
