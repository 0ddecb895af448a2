// @ts-check
/**
 * JSON over HTTP for the live pages: `postJson` posts a body and always resolves with the status
 * and a parsed body (an error shape when the server answered without JSON); a network failure
 * rejects, for the caller to say "cannot reach the server".
 */

/**
 * POST a JSON body; the parsed JSON answer (or an error shape when the body is not JSON).
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<{ status: number, body: any }>}
 */
export const postJson = async (path, body) => {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body)
  })
  let parsed
  try {
    parsed = await res.json()
  } catch {
    parsed = { type: "error", code: "BAD_JSON", message: `the server answered ${res.status} without JSON` }
  }
  return { status: res.status, body: parsed }
}
