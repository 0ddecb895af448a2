// Independent brute-force references for the Erlang tests: the truncated M/M/c(+M) chain solved by
// dense elimination on its generator (no detailed balance, no closed forms), and the tagged customer's chain solved
// by first-step analysis (mean served wait) and by uniformization (service level). Rates per ms.

export interface ChainParams {
  readonly lambda: number
  readonly mu: number
  /** 0: no abandonment (Erlang C). */
  readonly theta: number
  readonly c: number
}

const death = (p: ChainParams, n: number): number => (n <= p.c ? n * p.mu : p.c * p.mu + (n - p.c) * p.theta)

/**
 * Stationary law of the chain truncated at `maxN`, from its generator by dense GTH elimination
 * (Grassmann, Taksar & Heyman 1985; Stewart, "Introduction to the Numerical Solution of Markov
 * Chains", 1994, section 2.7): state censoring without subtractions, so every component, even a
 * 1e-12 tail, comes out to full relative precision. Uses no product form or detailed balance.
 */
export const solveChain = (p: ChainParams, maxN: number): Float64Array => {
  const size = maxN + 1
  const q = Array.from({ length: size }, () => new Float64Array(size))
  for (let i = 0; i < size; i++) {
    if (i < maxN) q[i]![i + 1] = p.lambda
    if (i > 0) q[i]![i - 1] = death(p, i)
  }
  for (let k = size - 1; k >= 1; k--) {
    const row = q[k]!
    let out = 0
    for (let j = 0; j < k; j++) out += row[j]!
    for (let i = 0; i < k; i++) {
      const ri = q[i]!
      const f = ri[k]! / out
      ri[k] = f
      if (f === 0) continue
      for (let j = 0; j < k; j++) if (j !== i) ri[j] = ri[j]! + f * row[j]!
    }
  }
  const pi = new Float64Array(size)
  pi[0] = 1
  let total = 1
  for (let j = 1; j < size; j++) {
    let s = 0
    for (let i = 0; i < j; i++) s += pi[i]! * q[i]![j]!
    pi[j] = s
    total += s
  }
  return pi.map((x) => x / total)
}

export interface BruteMetrics {
  readonly probWait: number
  readonly abandonRate: number
  readonly asaMs: number
  readonly occupancy: number
  readonly meanQueueLength: number
  readonly answered: number
  readonly serviceLevel: (t: number) => number
}

/**
 * Metrics from a stationary law `pi` over n = 0..maxN: abandonment by rate balance (θ·Lq/λ), the
 * served wait by first-step analysis of the tagged customer, the service level by uniformizing
 * the tagged customer's chain (j ahead -> j-1 at cμ + jθ, -> abandoned at θ, j = 0 -> served at cμ).
 */
export const metricsFrom = (p: ChainParams, pi: Float64Array): BruteMetrics => {
  const { lambda, mu, theta, c } = p
  const cMu = c * mu
  let noWait = 0
  let busy = 0
  let lq = 0
  for (let n = 0; n < pi.length; n++) {
    const q = pi[n]!
    if (n < c) noWait += q
    busy += Math.min(n, c) * q
    lq += Math.max(0, n - c) * q
  }
  const waiting = Array.from(pi.subarray(c))
  // First-step analysis: s_j = P(served | j ahead), g_j = E[W·1{served} | j ahead].
  let sPrev = 1
  let gPrev = 0
  let served = noWait
  let servedWait = 0
  for (let j = 0; j < waiting.length; j++) {
    const out = cMu + j * theta + theta
    const move = (cMu + j * theta) / out
    const s = move * sPrev
    const g = s / out + move * gPrev
    served += waiting[j]! * s
    servedWait += waiting[j]! * g
    sPrev = s
    gPrev = g
  }
  const serviceLevel = (t: number): number => {
    if (t === 0) return noWait
    const big = cMu + waiting.length * theta + 1e-12
    const lt = big * t
    const steps = Math.ceil(lt + 12 * Math.sqrt(lt) + 40)
    let w = waiting.slice()
    let servedSoFar = 0
    let logPoisson = -lt // log P(K = 0)
    let total = Math.exp(logPoisson) * servedSoFar
    for (let k = 1; k <= steps; k++) {
      const next = new Array<number>(w.length).fill(0)
      for (let j = 0; j < w.length; j++) {
        const x = w[j]!
        if (x === 0) continue
        const move = cMu + j * theta
        if (j === 0) servedSoFar += (x * move) / big
        else next[j - 1]! += (x * move) / big
        next[j]! += x * (1 - (move + theta) / big)
      }
      w = next
      logPoisson += Math.log(lt) - Math.log(k)
      total += Math.exp(logPoisson) * servedSoFar
    }
    return noWait + total
  }
  return {
    probWait: waiting.reduce((sum, q) => sum + q, 0),
    abandonRate: (theta * lq) / lambda,
    asaMs: servedWait / served,
    occupancy: busy / c,
    meanQueueLength: lq,
    answered: served,
    serviceLevel
  }
}

/** |a - b| / |b|, or |a - b| when b is 0. */
export const relErr = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b))

/** A truncation point: past the mode, where q_n is below 1e-18 of the largest q over n >= c. */
export const truncationFor = (p: ChainParams): number => {
  let log = 0
  let max = -Infinity
  for (let n = 1; ; n++) {
    log += Math.log(p.lambda) - Math.log(death(p, n))
    if (n >= p.c) max = Math.max(max, log)
    if (p.lambda < death(p, n) && n > p.c && log - max < Math.log(1e-18)) return n
  }
}

/** The stationary law by detailed balance (π_n ∝ Π λ/death_k), in log space: for chains too big to solve densely. */
export const productForm = (p: ChainParams, maxN: number): Float64Array => {
  const logs = new Float64Array(maxN + 1)
  for (let n = 1; n <= maxN; n++) logs[n] = logs[n - 1]! + Math.log(p.lambda) - Math.log(death(p, n))
  const max = Math.max(...logs)
  const pi = logs.map((l) => Math.exp(l - max))
  const total = pi.reduce((s, x) => s + x, 0)
  return pi.map((x) => x / total)
}
