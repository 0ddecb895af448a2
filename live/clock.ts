/**
 * The wall clock as a port. `wallClock()` reads epoch milliseconds from the monotonic
 * `performance.now()` offset by the process's time origin, never going backwards within a process;
 * hosts clamp it further to the last logged input time so engine time never decreases across a
 * restart. Tests may pass their own `Clock`.
 */
export interface Clock {
  readonly nowMs: () => number
}

export const wallClock = (): Clock => {
  let last = 0
  return {
    nowMs: () => {
      const now = Math.floor(performance.timeOrigin + performance.now())
      if (now > last) last = now
      return last
    }
  }
}
