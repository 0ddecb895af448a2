// @ts-check
/**
 * The server's clock in the browser and the live timers on it: the skew learnt from `welcome` /
 * `pong` (`serverTimeMs`), `serverNow`, and the page's one ticker that keeps every
 * `data-since-ms` (counting up) and `data-until-ms` (counting down) element current.
 * Invariant: every timer a page shows counts on the server's clock, not the browser's.
 */
import { h } from "./dom.js"
import { fmtDuration } from "./format.js"

/** Server clock minus this browser's clock, learnt from `welcome` / `pong`. */
let skewMs = 0
/** @param {number} serverTimeMs */
export const learnServerTime = (serverTimeMs) => {
  skewMs = serverTimeMs - Date.now()
}
/** Now on the server's clock (epoch ms). */
export const serverNow = () => Date.now() + skewMs

/** Refresh every live timer now: `data-since-ms` counts up, `data-until-ms` counts down. */
export const tickTimers = () => {
  const now = serverNow()
  for (const el of document.querySelectorAll("[data-since-ms]")) {
    el.textContent = fmtDuration(now - Number(/** @type {HTMLElement} */ (el).dataset["sinceMs"]))
  }
  for (const el of document.querySelectorAll("[data-until-ms]")) {
    el.textContent = fmtDuration(Number(/** @type {HTMLElement} */ (el).dataset["untilMs"]) - now + 999)
  }
}
/** Start the page's one timer ticker. */
export const startTicker = () => {
  tickTimers()
  setInterval(tickTimers, 500)
}

/**
 * A live timer element (counts up from `sinceMs`).
 * @param {number} sinceMs
 * @param {string} testid
 * @param {string} label
 */
export const sinceTimer = (sinceMs, testid, label) =>
  h("span", {
    class: "timer",
    "data-testid": testid,
    "data-since-ms": sinceMs,
    "aria-label": label,
    title: label,
    text: fmtDuration(serverNow() - sinceMs)
  })
