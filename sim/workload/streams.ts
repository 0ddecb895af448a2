/**
 * The workload's named random streams and the sub-keys that split one key's draws by purpose. Every
 * draw of a simulated party is keyed by (stream, chat index or agent index, sub-key) so that changing
 * the routing, the staffing or the driver never shifts another draw (common random numbers). Both
 * drivers (the simulator and the live load driver) draw from these and only these.
 */

/** Named streams: hashed once (the values are fixed; changing one changes every golden digest). */
export const STREAMS = {
  arrivals: 0x61727276,
  invitations: 0x696e7669,
  patience: 0x70617469,
  handling: 0x68616e64,
  messages: 0x6d657373,
  offers: 0x6f666672,
  wrapUp: 0x77726170,
  faults: 0x66617574,
  recovery: 0x7265636f
} as const

/** Sub-keys: what a handling's later draws, a wrap-up's reason, an outage and a campaign add to their key. */
export const SUBKEYS = {
  /** handling stream, chat n: + the chat's handlings so far */
  transfer: 0x10000,
  conference: 0x20000,
  conferenceDuration: 0x30000,
  /** wrapUp stream, agent a: + the wrap-ups the agent has started */
  wrapUpReason: 0x10000,
  /** faults stream, agent a: + the agent's disconnects so far */
  outage: 0x10000,
  /** invitations stream: a campaign's process is keyed by this + the campaign index */
  campaign: 0x1000
} as const
