// A bad frame is answered in the words of the one input formatter (input/issues.ts): the frame
// type, the field's path and what was expected, with the value given; the `path` names the field.
import { describe, expect, it } from "vitest"
import { decodeClientFrame } from "../../live/protocol.ts"

const errorOf = (text: string) => {
  const r = decodeClientFrame("agent", text)
  if (r._tag === "Frame") expect.fail("expected an error frame")
  return r.error
}

describe("SCHEMA error frames", () => {
  it("name the frame type, the field and what was wrong", () => {
    expect(errorOf(`{"type":"send","chatId":"c1","text":3,"ref":"m-0003"}`)).toEqual({
      code: "SCHEMA",
      message: "send: text: expected a string, got 3",
      path: ["text"],
      ref: "m-0003"
    })
    expect(errorOf(`{"type":"send","chatId":"c1"}`)).toMatchObject({
      message: "send: text: is required",
      path: ["text"]
    })
    expect(errorOf(`{"type":"send","chatId":"c1","text":"x","bogus":1}`)).toMatchObject({
      message: "send: bogus: unknown field",
      path: ["bogus"]
    })
    expect(errorOf(`{"type":"accept","offerId":"x"}`)).toMatchObject({
      message: `accept: offerId: expected a number, got "x"`,
      path: ["offerId"]
    })
  })

  it("point at the field that tells the forms of a frame apart", () => {
    expect(errorOf(`{"type":"setPresence","presence":"Away"}`)).toMatchObject({
      message: `setPresence: presence: expected one of Available, Idle, got "Away"`,
      path: ["presence"]
    })
  })

  it("stay short whatever was sent", () => {
    const e = errorOf(JSON.stringify({ type: "send", chatId: "c1", text: { nested: "x".repeat(10_000) } }))
    expect(e.message.length).toBeLessThanOrEqual(300)
    expect(e.path).toEqual(["text"])
  })
})
