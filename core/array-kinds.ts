/**
 * Arrays made in the V8 elements kind they end in. An array made as `[]` starts as "small integers"
 * and changes kind at its first object (or a number array at its first non-integer); code the JIT
 * optimized while a run's arrays had changed kind deoptimizes when the next run (a worker's next
 * replication, a staffing day's next candidate) hands it fresh arrays of the first kind, and then
 * compiles again. The long-lived arrays of the engine and the simulator that hold objects or
 * fractional numbers are made by these, so every run's arrays have the kind the optimized code
 * expects. Nothing else differs: the arrays are ordinary, empty or zeroed.
 */

/** An empty array in the kind an array of objects or strings ends in. */
export const emptyRecords = <T>(): Array<T> => {
  const xs: Array<T | undefined> = [undefined]
  xs.pop()
  return xs as Array<T>
}

/** `n` zeros in the kind an array of fractional or large numbers ends in. */
export const doubleZeros = (n: number): Array<number> => new Array<number>(n).fill(0.5).fill(0)
