/**
 * Message text checks the engine does not make: whether a text shows anything at all. Pure.
 * Invisible characters are the Unicode white space (what `trim` removes) plus the format and
 * joiner characters that render as nothing: zero-width space, non-joiner and joiner, word joiner
 * and the invisible operators, byte order mark, soft hyphen, combining grapheme joiner, Mongolian
 * vowel separator.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is matched alone on purpose (U+034F is a combining mark)
const VISIBLE = /[^\s\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff]/u

/** True when the text has no visible character (empty, white space, zero-width characters only). */
export const isBlank = (text: string): boolean => !VISIBLE.test(text)
