/**
 * The engine's version: bump it whenever a rule changes what the engine emits, so traces and
 * digests recorded with another version are recognised as such.
 */
export const ENGINE_VERSION = "0.2.0"
