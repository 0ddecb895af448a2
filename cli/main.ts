#!/usr/bin/env -S node --max-semi-space-size=16 --memory-balancer
/**
 * The `livechat-sim` executable. Node runs it with `--max-semi-space-size=16 --memory-balancer`
 * (the shebang, and the npm scripts that start it): the simulator's garbage is short-lived, V8's
 * default young generation of up to 64 MB per semi-space lets the resident set grow by about 150 MB
 * for no speed, and V8's heap-limit balancer holds the old generation nearer the live heap of a long
 * run (docs/performance.md).
 * It turns on Node's module compile cache before loading anything else, so that the second start
 * onwards reuses the compiled code of the ~800-2,000 modules a command loads (in this process and,
 * through the environment, in its worker threads and child processes). The cache lives in the
 * system's temporary directory, or where `NODE_COMPILE_CACHE` says; `NODE_DISABLE_COMPILE_CACHE=1`
 * turns it off. It holds compiled code only: results never depend on it.
 */
import { enableCompileCache, getCompileCacheDir } from "node:module"

enableCompileCache()
const cacheDir = getCompileCacheDir()
if (cacheDir !== undefined) process.env.NODE_COMPILE_CACHE = cacheDir
await import("./program.ts")
