// Logging out revokes the session token: the old token is refused at the upgrade (401) and on any
// connection opened with it before the logout (close 4001 at its next frame), also after a restart
// (the revocation list is in the log); a changed password revokes every token issued before it.
import { describe, expect, it } from "vitest"
import {
  ackOf,
  Client,
  login,
  startChat,
  startTestServer,
  tempDir,
  testConfig,
  testConfigFile,
  type
} from "./support.ts"

const upgradeStatus = async (base: string, token: string): Promise<number> => {
  try {
    const c = await Client.open(base, "agent", token)
    c.close()
    return 101
  } catch (e) {
    return Number(/refused: (\d+)/.exec((e as Error).message)?.[1] ?? 0)
  }
}

describe("live token revocation", () => {
  it("logout revokes the token: refused at the upgrade and per frame, also after a restart", async () => {
    const dataDir = tempDir()
    let server = await startTestServer(testConfig(), dataDir)
    try {
      const chat = await startChat(server.url, "support", "Dana")
      const token = await login(server.url, "a1")
      const desk = await Client.open(server.url, "agent", token)
      desk.send({ type: "hello" })
      await desk.next(type("welcome"))
      const early = await Client.open(server.url, "agent", token) // opened before the logout, no hello yet
      desk.send({ type: "logout", ref: "bye" })
      expect((await desk.next(ackOf("bye"))).type).toBe("ack")
      expect((await desk.waitClose()).code).toBe(1000)
      expect(await upgradeStatus(server.url, token)).toBe(401)
      early.send({ type: "hello" })
      expect((await early.waitClose()).code).toBe(4001)
      expect(early.frames.some((f) => f.type === "welcome")).toBe(false)
      expect(server.center.state.agents.get("a1")!.presence._tag).toBe("LoggedOut")
      // a new login works, and can see the customer's chat as an agent should
      const fresh = await login(server.url, "a1")
      expect(await upgradeStatus(server.url, fresh)).toBe(101)
      expect(chat.chatId).toMatch(/^c_/)
      await server.close()
      server = await startTestServer(testConfig(), dataDir)
      expect(await upgradeStatus(server.url, token)).toBe(401)
      expect(await upgradeStatus(server.url, fresh)).toBe(101)
    } finally {
      await server.close()
    }
  })

  it("a changed password revokes the tokens issued before it", async () => {
    const dataDir = tempDir()
    let server = await startTestServer(testConfig(), dataDir)
    const token = await login(server.url, "a2")
    expect(await upgradeStatus(server.url, token)).toBe(101)
    await server.close()
    const file = testConfigFile()
    const changed = {
      ...file,
      agents: file.agents.map((a) => (a.id === "a2" ? { ...a, password: "a-new-password" } : a))
    }
    server = await startTestServer(testConfig(changed), dataDir)
    try {
      expect(await upgradeStatus(server.url, token)).toBe(401)
    } finally {
      await server.close()
    }
  })
})
