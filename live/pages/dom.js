// @ts-check
/**
 * DOM building for the live pages without innerHTML: `h` creates elements (every server string
 * goes through textContent or an attribute, never parsed as markup), `byTestId` finds the page's
 * fixed elements, `proactiveIcon` is the one static SVG.
 * Invariant: no server-supplied text is ever parsed as HTML.
 */

/**
 * Create an element. `attrs` keys starting with "on" are listeners; `text` sets textContent;
 * boolean attributes are set when true and omitted when false.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {Array<Node | string | null | undefined | false>} [children]
 * @returns {HTMLElement}
 */
export const h = (tag, attrs = {}, children = []) => {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue
    if (k === "text") el.textContent = String(v)
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v)
    else if (k === "dataset") Object.assign(el.dataset, v)
    else el.setAttribute(k, v === true ? "" : String(v))
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue
    el.append(typeof c === "string" ? document.createTextNode(c) : c)
  }
  return el
}

/**
 * The element with `data-testid` = id (throws when the page lacks it: a page bug).
 * @template {HTMLElement} [E=HTMLElement]
 * @param {string} id
 * @returns {E}
 */
export const byTestId = (id) => {
  const el = document.querySelector(`[data-testid="${id}"]`)
  if (el === null) throw new Error(`missing element [data-testid="${id}"]`)
  return /** @type {E} */ (el)
}

/** The proactive-chat icon (a small target), with its accessible name. */
export const proactiveIcon = () => {
  const span = h("span", {
    class: "proactive-icon",
    "data-testid": "proactive-icon",
    role: "img",
    "aria-label": "Proactive chat",
    title: "Proactive chat"
  })
  span.innerHTML =
    '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="8" cy="8" r="3.5" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="8" cy="8" r="1.2" fill="currentColor"/></svg>'
  return span
}
