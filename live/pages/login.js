// @ts-check
/**
 * The agent login panel shared by the agent desktop and the supervisor view: show it (with a
 * message) in place of the page's main view, and post its form to /api/agent/login.
 * Invariant: a wrong password and an unknown agent read the same to the person at the form.
 */
import { byTestId } from "./dom.js"
import { postJson } from "./http.js"

/** @typedef {{ agentId: string, agentName: string, token: string, expiresAtMs: number }} Session */

/**
 * Shows the login panel instead of the page's main view, with `message` (empty: no message).
 * @param {string} mainTestId @param {string} message
 */
export const showLogin = (mainTestId, message) => {
  byTestId(mainTestId).hidden = true
  byTestId("login").hidden = false
  const err = byTestId("login-error")
  err.hidden = message === ""
  err.textContent = message
}

/**
 * Posts the login form (login-agent, login-password) to /api/agent/login: the session and whether
 * the agent is a supervisor, or a message for the person at the form.
 * @returns {Promise<{ session: Session, supervisor: boolean } | { error: string }>}
 */
export const submitLogin = async () => {
  const agentId = /** @type {HTMLInputElement} */ (byTestId("login-agent")).value.trim()
  const password = /** @type {HTMLInputElement} */ (byTestId("login-password")).value
  try {
    const r = await postJson("/api/agent/login", { agentId, password })
    if (r.status !== 200) {
      return {
        error:
          r.status === 401
            ? "Unknown agent or wrong password."
            : `${r.body.message ?? "Login failed"} (${r.body.code ?? r.status})`
      }
    }
    const session = {
      agentId: r.body.agentId,
      agentName: r.body.agentName,
      token: r.body.token,
      expiresAtMs: r.body.expiresAtMs
    }
    return { session, supervisor: r.body.supervisor === true }
  } catch (err) {
    return { error: `Cannot reach the server: ${String(err)}` }
  }
}
