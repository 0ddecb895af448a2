/**
 * Erlang A (M/M/c+M, Palm's queue): the exact stationary birth-death distribution and every metric
 * of the run summary derived from it. Used through `erlang.ts`; nothing else here is public API.
 *
 * Model (Garnett, Mandelbaum & Reiman, "Designing a call center with impatient customers", M&SOM
 * 4(3) 2002; Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call centers",
 * 2005 note): Poisson arrivals λ, c servers with exponential service μ, FCFS, and every waiting
 * customer abandons after an exponential patience with rate θ. The number in system n is a birth-
 * death chain with birth λ and death nμ for n <= c, cμ + (n-c)θ for n > c. Its stationary law
 * q_n ∝ Π λ/death_k is summed in log space (no factorials) and truncated once the remaining tail,
 * bounded by a geometric series, is below 1e-16 of the waiting states' mass already summed (so
 * even a 1e-10 chance of waiting keeps full relative precision). By PASTA an arrival sees that law.
 *
 * The tagged customer arriving in state n = c + j has j customers ahead. Under FCFS its own patience
 * τ ~ Exp(θ) does not affect them, so its virtual wait (time to service with infinite patience) is
 * V_j = Σ_{i=0..j} Exp(cμ + iθ) (i ahead: a server frees or one of them abandons), and it is served
 * iff τ > V_j. Hence, with the Laplace transform E[e^{-θV_j}] = Π r_i/(r_i+θ), r_i = cμ + iθ:
 *   P(served | j)          = Π_{i=0..j} (cμ+iθ)/(cμ+(i+1)θ) = cμ / (cμ + (j+1)θ)       (telescoping)
 *   E[W·1{served} | j]     = -d/dθ E[e^{-θV_j}] = P(served | j) · Σ_{k=1..j+1} 1/(cμ + kθ)
 *   P(served, W <= t | j)  = E[e^{-θV_j}; V_j <= t] = P(served | j) · P(Ṽ_j <= t)
 * where Ṽ_j is the exponentially tilted V_j: a sum of independent Exp(cμ + kθ), k = 1..j+1. Its
 * density is (partial fractions over the rates α + kθ, α = cμ)
 *   f(s) = Π_{k=1..m}(α+kθ) / (θ^{m-1}(m-1)!) · e^{-(α+θ)s} (1 - e^{-θs})^{m-1},   m = j+1,
 * so 1 - e^{-θṼ_j} ~ Beta(m, α/θ + 1) and P(Ṽ_j <= t) = I_x(j+1, cμ/θ + 1), x = 1 - e^{-θt}. The
 * regularized incomplete beta with integer first argument is a negative-binomial tail:
 * I_x(j+1, b) = P(N >= j+1), N ~ NegBin(b, x), P(N = k) = Γ(k+b)/(k! Γ(b)) x^k (1-x)^b, so one
 * upward pass over j gives the whole service level. (θ -> 0: N -> Poisson(cμt), Erlang C's wait.)
 * Mandelbaum & Zeltyn give the same distribution with incomplete gamma functions of the infinite
 * sums; the exact finite sums here need no special functions and stay stable for c up to 10^4.
 */

/** Above this many waiting states the patience is too long for the load to be summed exactly. */
const MAX_WAITING_STATES = 5_000_000
/** Stop the chain once the tail bound is below this share of the waiting mass already summed. */
const TAIL = 1e-16

export interface ErlangAChain {
  /** P(n < c) at an arrival: answered at once. */
  readonly pNoWait: number
  /** P(n = c + j) at an arrival, j = 0, 1, ... (j customers ahead in the queue). */
  readonly pWaiting: Float64Array
  /** Σ_{n<c} n p_n: mean busy servers among the no-wait states. */
  readonly busyBelow: number
}

/** The stationary distribution of M/M/c+M; rates per ms. */
export const erlangAChain = (lambda: number, mu: number, theta: number, c: number): ErlangAChain => {
  const logLambda = Math.log(lambda)
  // Lower states n = 0..c-1 (log q_n), then waiting states n = c + j, with a running log-sum-exp.
  const lower = new Float64Array(c)
  const upper: Array<number> = []
  let max = 0
  let sum = 1 // Σ exp(log q - max); q_0 = 1
  const add = (logQ: number): void => {
    if (logQ > max) {
      sum = sum * Math.exp(max - logQ) + 1
      max = logQ
    } else {
      sum += Math.exp(logQ - max)
    }
  }
  let logQ = 0
  for (let n = 1; n < c; n++) {
    logQ += logLambda - Math.log(n * mu)
    lower[n] = logQ
    add(logQ)
  }
  const cMu = c * mu
  logQ += logLambda - Math.log(cMu) // n = c
  let upperMax = logQ
  let upperSum = 0 // Σ_{j} exp(log q_{c+j} - upperMax)
  for (let j = 0; ; j++) {
    upper.push(logQ)
    add(logQ)
    if (logQ > upperMax) {
      upperSum = upperSum * Math.exp(upperMax - logQ) + 1
      upperMax = logQ
    } else {
      upperSum += Math.exp(logQ - upperMax)
    }
    const ratio = lambda / (cMu + (j + 1) * theta) // q_{c+j+1} / q_{c+j}, decreasing in j
    if (ratio < 1 && (Math.exp(logQ - upperMax) * ratio) / (1 - ratio) <= TAIL * upperSum) break
    if (j >= MAX_WAITING_STATES) {
      throw new RangeError(
        `Erlang A: more than ${MAX_WAITING_STATES} waiting states needed (patience too long for this load)`
      )
    }
    logQ += Math.log(ratio)
  }
  const logNorm = max + Math.log(sum)
  let pNoWait = 0
  let busyBelow = 0
  for (let n = 0; n < c; n++) {
    const p = Math.exp((lower[n] ?? 0) - logNorm)
    pNoWait += p
    busyBelow += n * p
  }
  const pWaiting = new Float64Array(upper.length)
  for (let j = 0; j < upper.length; j++) pWaiting[j] = Math.exp((upper[j] ?? 0) - logNorm)
  return { pNoWait, pWaiting, busyBelow }
}

/**
 * tail[j] = P(N >= j+1) for j = 0..count-1, N ~ NegBin(b, x = 1 - e^{-θt}) with
 * P(N = k) = Γ(k+b)/(k! Γ(b)) x^k (1-x)^b, from pmf ratios in log space (no gamma functions). The
 * tails are summed from the far end, so a tail of 1e-20 keeps its relative precision: P(N > count)
 * is 1 - P(N <= count) while that is below 1/2, else the series beyond `count`, stopped once its
 * remainder (a geometric bound, the pmf ratio x(k+b)/(k+1) decreasing in k) is below 1e-17 of it.
 */
const negBinTails = (b: number, thetaT: number, count: number): Float64Array => {
  const x = -Math.expm1(-thetaT)
  const logX = Math.log(x)
  const pmf = new Float64Array(count + 1)
  let logPmf = -b * thetaT // log (1-x)^b
  let cdf = 0
  for (let k = 0; k <= count; k++) {
    const term = Math.exp(logPmf)
    pmf[k] = term
    cdf += term
    logPmf += logX + Math.log(k + b) - Math.log(k + 1) // now log P(N = k+1)
  }
  let beyond = 0 // P(N > count)
  if (cdf < 0.5) {
    beyond = 1 - cdf
  } else {
    for (let k = count + 1; ; k++) {
      const term = Math.exp(logPmf)
      beyond += term
      const ratio = (x * (k + b)) / (k + 1)
      if (ratio < 1 && (term * ratio) / (1 - ratio) <= 1e-17 * beyond) break
      logPmf += logX + Math.log(k + b) - Math.log(k + 1)
    }
  }
  const tail = new Float64Array(count)
  let acc = beyond
  for (let j = count - 1; j >= 0; j--) {
    acc += pmf[j + 1] ?? 0
    tail[j] = acc
  }
  return tail
}

export interface ErlangAMetrics {
  readonly probWait: number
  readonly abandonRate: number
  readonly asaMs: number
  readonly occupancy: number
  readonly meanQueueLength: number
  readonly serviceLevel: (thresholdMs: number) => number
}

/** Every summary metric of M/M/c+M; rates per ms, so times come out in ms. */
export const erlangAMetrics = (lambda: number, mu: number, theta: number, c: number): ErlangAMetrics => {
  const { pNoWait, pWaiting, busyBelow } = erlangAChain(lambda, mu, theta, c)
  const cMu = c * mu
  let probWait = 0
  let queue = 0
  let abandoned = 0
  let servedAfterWait = 0
  let servedWaitSum = 0 // E[W·1{served}]
  let harmonic = 0 // H(j) = Σ_{k=1..j+1} 1/(cμ + kθ)
  for (let j = 0; j < pWaiting.length; j++) {
    const p = pWaiting[j] ?? 0
    const rate = cMu + (j + 1) * theta
    const served = cMu / rate
    harmonic += 1 / rate
    probWait += p
    queue += j * p
    abandoned += p * (((j + 1) * theta) / rate)
    servedAfterWait += p * served
    servedWaitSum += p * served * harmonic
  }
  const answered = pNoWait + servedAfterWait
  const serviceLevel = (thresholdMs: number): number => {
    if (thresholdMs < 0) return 0
    if (thresholdMs === 0 || lambda === 0) return pNoWait
    // P(served, W <= t | j) = P(served | j) · P(N >= j+1), N ~ NegBin(cμ/θ + 1, 1 - e^{-θt}).
    const tail = negBinTails(cMu / theta + 1, theta * thresholdMs, pWaiting.length)
    let total = pNoWait
    for (let j = 0; j < pWaiting.length; j++) {
      total += (pWaiting[j] ?? 0) * (cMu / (cMu + (j + 1) * theta)) * (tail[j] ?? 0)
    }
    return Math.min(total, answered)
  }
  return {
    probWait,
    abandonRate: abandoned,
    asaMs: answered > 0 ? servedWaitSum / answered : 0,
    occupancy: (busyBelow + c * probWait) / c,
    meanQueueLength: queue,
    serviceLevel
  }
}
