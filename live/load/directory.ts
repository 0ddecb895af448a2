/**
 * Which server agents the driver plays, and with which scenario group's behaviour. The server's
 * agents come from the config file the server was started with (`--server-config`, the same file
 * as `serve --config`; plain `password` entries are needed to log in), or, without one, from the
 * demo center (live/demo.ts). Each server agent is given the scenario group whose queues overlap
 * its own queues the most, ties broken toward the group with the fewest agents per scenario head
 * count, so the groups' mix is kept as well as the server allows. The k-th server agent given a
 * group plays that group's k-th scenario agent: it draws as the simulator's agent of that index
 * (sim/workload), so it makes the same decisions; one beyond the group's count gets draws of its
 * own. Pure except `serverAgentsOf`.
 */

import type { AgentGroup, Scenario } from "../../sim/scenario/model.ts"
import { agentIndex } from "../../sim/workload/agent.ts"
import type { ConfigFile } from "../config.ts"
import { DEMO_AGENTS, demoConfigFile, demoPassword } from "../demo.ts"

export interface ServerAgent {
  readonly id: string
  /** The name customers see (`agentJoined`): the config's name, else the id. */
  readonly name: string
  readonly password: string
  readonly queues: ReadonlyArray<string>
  readonly capacity: number
}

export interface PlayedAgent extends ServerAgent {
  readonly group: AgentGroup
  /** The simulator's index of the scenario agent it plays: the key of its per-agent draws. */
  readonly drawKey: number
}

export interface ServerDirectory {
  readonly agents: ReadonlyArray<ServerAgent>
  readonly queues: ReadonlyArray<string>
}

/** The agents and queues of a decoded server config file; agents without a plain password are skipped. */
export const directoryOf = (file: ConfigFile): ServerDirectory => {
  const queues = file.queues.map((q) => q.id)
  const agents = file.agents.flatMap((a) =>
    a.password === undefined
      ? []
      : [
          {
            id: a.id,
            name: a.name ?? a.id,
            password: a.password,
            queues: a.queues ?? queues,
            capacity: a.capacity ?? 5
          }
        ]
  )
  return { agents, queues }
}

export const demoDirectory = (): ServerDirectory => {
  const d = directoryOf(demoConfigFile())
  return {
    ...d,
    agents: d.agents.filter((a) => DEMO_AGENTS.some((x) => x.id === a.id && demoPassword(x.id) === a.password))
  }
}

const overlap = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): number => a.filter((q) => b.includes(q)).length

/** Assign every server agent a scenario group (see the module comment); a problem if none can be. */
export const mapAgents = (scenario: Scenario, dir: ServerDirectory): ReadonlyArray<PlayedAgent> | string => {
  const groups = scenario.agents.filter((g) => g.count > 0)
  if (groups.length === 0) return "the scenario has no agents"
  if (dir.agents.length === 0)
    return "the server config has no agent with a plain password the driver could log in with"
  const assigned = new Map<string, number>(groups.map((g) => [g.id, 0]))
  const played: Array<PlayedAgent> = []
  for (const agent of dir.agents) {
    let best: AgentGroup | undefined
    let bestKey: readonly [number, number] = [-1, Infinity]
    for (const g of groups) {
      const key = [overlap(agent.queues, g.queues), assigned.get(g.id)! / g.count] as const
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = g
        bestKey = key
      }
    }
    if (best === undefined) continue
    const n = assigned.get(best.id)!
    assigned.set(best.id, n + 1)
    const total = scenario.agents.reduce((s, g) => s + g.count, 0)
    const drawKey = n < best.count ? agentIndex(scenario, scenario.agents.indexOf(best), n) : total + played.length
    played.push({ ...agent, group: best, drawKey })
  }
  return played
}

/** Chat slots: the server's agents against the scenario's (for the default load scale). */
export const slotRatio = (scenario: Scenario, played: ReadonlyArray<PlayedAgent>): number => {
  const scenarioSlots = scenario.agents.reduce((s, g) => s + g.count * g.capacity, 0)
  const serverSlots = played.reduce((s, a) => s + a.capacity, 0)
  return scenarioSlots === 0 ? 1 : serverSlots / scenarioSlots
}
