/**
 * The load driver's options and their checks: target URL (loopback only unless allowed), run
 * duration, time and load scale, drain, limits on chats and sockets, source addresses, reconnect
 * window. Pure: every problem is returned as `--flag: message` (durations in the words of
 * input/duration.ts), all of them at once, so the CLI can exit 2.
 */
import * as Result from "effect/Result"
import { readDuration } from "../../input/duration.ts"

export interface LoadOptions {
  /** ws://host:port of the server (the driver derives http:// from it). */
  readonly url: string
  readonly durationMs: number
  /** Scenario seconds per wall second: behaviour durations are divided by it, rates multiplied. */
  readonly timeScale: number
  /** Multiplies the arrival rate; undefined: server slots / scenario slots (keeps the occupancy). */
  readonly loadScale: number | undefined
  /** After the arrivals stop, how long in-flight chats may take to finish before they are ended. */
  readonly drainMs: number
  readonly seed: number
  /** Bounds: chats started in all, and customer sockets open at once (more arrivals are dropped). */
  readonly maxChats: number
  readonly maxOpenChats: number
  /** Loopback source addresses 127.0.0.2 ... to spread the server's per-address HTTP limits over. */
  readonly sourceAddresses: number
  /** How long a customer or agent whose socket dropped keeps trying to reconnect before it counts as lost. */
  readonly reconnectWindowMs: number
}

export const DEFAULTS = {
  durationMs: 60_000,
  timeScale: 60,
  drainMs: 30_000,
  seed: 1,
  maxChats: 20_000,
  maxOpenChats: 5_000,
  sourceAddresses: 16,
  reconnectWindowMs: 10_000
} as const

/** True when `host` (from a URL) is a loopback address. */
export const isLoopback = (host: string): boolean =>
  host === "localhost" || host === "[::1]" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)

/** The HTTP base and WebSocket base of a `ws://` (or `http://`) URL, or a problem. */
export const targetOf = (
  raw: string,
  allowRemote: boolean
): { readonly http: string; readonly ws: string } | string => {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return `--url: not a URL: "${raw}" (expected e.g. ws://127.0.0.1:8080)`
  }
  if (!["ws:", "http:"].includes(u.protocol)) return `--url: expected ws:// or http://, got "${u.protocol}"`
  if (!allowRemote && !isLoopback(u.hostname)) {
    return `--url: ${u.hostname} is not a loopback address; the driver only targets 127.0.0.1 unless --allow-remote is given`
  }
  if (u.pathname !== "/" || u.search !== "")
    return `--url: give only scheme://host:port, without a path or query ("${raw}")`
  const hostPort = u.host
  return { http: `http://${hostPort}`, ws: `ws://${hostPort}` }
}

export interface RawOptions {
  readonly url: string
  readonly duration: string
  readonly timeScale: number | undefined
  readonly loadScale: number | undefined
  readonly drain: string | undefined
  readonly seed: number | undefined
  readonly maxChats: number | undefined
  readonly maxOpenChats: number | undefined
  readonly sourceAddresses: number | undefined
  readonly reconnectWindow?: string | undefined
  readonly allowRemote: boolean
}

const durationOf = (flag: string, raw: string, problems: Array<string>): number => {
  const r = readDuration(raw, [`--${flag}`])
  if (Result.isFailure(r)) {
    problems.push(r.failure)
    return 0
  }
  return r.success
}

/** Every option checked; the problems, or the options. */
export const checkOptions = (
  raw: RawOptions
): { readonly problems: ReadonlyArray<string> } | { readonly options: LoadOptions } => {
  const problems: Array<string> = []
  const target = targetOf(raw.url, raw.allowRemote)
  if (typeof target === "string") problems.push(target)
  const durationMs = durationOf("duration", raw.duration, problems)
  if (problems.length === 0 && (durationMs < 1_000 || durationMs > 3_600_000))
    problems.push(`--duration: from 1s to 1h, got ${raw.duration}`)
  const drainMs = raw.drain === undefined ? DEFAULTS.drainMs : durationOf("drain", raw.drain, problems)
  if (drainMs > 600_000) problems.push(`--drain: at most 10m, got ${raw.drain}`)
  const reconnectWindowMs =
    raw.reconnectWindow === undefined
      ? DEFAULTS.reconnectWindowMs
      : durationOf("reconnect-window", raw.reconnectWindow, problems)
  if (reconnectWindowMs > 600_000) problems.push(`--reconnect-window: at most 10m, got ${raw.reconnectWindow}`)
  const positive = (flag: string, v: number | undefined, max: number): void => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0 && v <= max))
      problems.push(`--${flag}: expected a number above 0 and at most ${max}, got ${v}`)
  }
  positive("time-scale", raw.timeScale, 100_000)
  positive("load-scale", raw.loadScale, 1_000)
  positive("max-chats", raw.maxChats, 1_000_000)
  positive("max-open-chats", raw.maxOpenChats, 15_000)
  positive("source-addresses", raw.sourceAddresses, 250)
  for (const [flag, v] of [
    ["max-chats", raw.maxChats],
    ["max-open-chats", raw.maxOpenChats],
    ["source-addresses", raw.sourceAddresses]
  ] as const) {
    if (v !== undefined && !Number.isInteger(v)) problems.push(`--${flag}: expected a whole number, got ${v}`)
  }
  if (problems.length > 0 || typeof target === "string") return { problems }
  return {
    options: {
      url: target.ws,
      durationMs,
      timeScale: raw.timeScale ?? DEFAULTS.timeScale,
      loadScale: raw.loadScale,
      drainMs,
      seed: raw.seed ?? DEFAULTS.seed,
      maxChats: raw.maxChats ?? DEFAULTS.maxChats,
      maxOpenChats: raw.maxOpenChats ?? DEFAULTS.maxOpenChats,
      sourceAddresses: raw.sourceAddresses ?? DEFAULTS.sourceAddresses,
      reconnectWindowMs
    }
  }
}

/** The loopback source address for the n-th virtual person (none for remote or non-IPv4 targets). */
export const sourceAddress = (url: string, count: number, n: number): string | undefined => {
  const host = new URL(url).hostname
  if (!/^127\./.test(host) || count <= 1) return undefined
  return `127.0.0.${2 + (n % count)}`
}
