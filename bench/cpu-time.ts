/**
 * This process's CPU time (user and system, all threads) in seconds, for the bench's rates per CPU
 * second: other work on the machine moves them less than wall time. Take it before and after.
 */
export const cpuSeconds = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}
