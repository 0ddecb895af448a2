/**
 * The demo contact center `serve` starts when no --config is given: three queues, five agents
 * (one a supervisor) with known passwords, templates, and the default routing knobs. Data only.
 */
import type { ConfigFile } from "./config.ts"

export const DEMO_AGENTS = [
  { id: "alice", name: "Alice", queues: ["support", "sales"], supervisor: true },
  { id: "bob", name: "Bob", queues: ["support"] },
  { id: "carol", name: "Carol", queues: ["support", "billing"] },
  { id: "dave", name: "Dave", queues: ["sales", "billing"] },
  { id: "erin", name: "Erin", queues: ["billing", "support", "sales"] }
] as const

export const demoPassword = (agentId: string): string => `demo-${agentId}`

export const demoConfigFile = (): ConfigFile => ({
  queues: [
    { id: "support", name: "Customer support", priority: 1 },
    { id: "sales", name: "Sales", priority: 2 },
    { id: "billing", name: "Billing", priority: 0, maxWait: "10m" }
  ],
  agents: DEMO_AGENTS.map((a) => ({
    id: a.id,
    name: a.name,
    password: demoPassword(a.id),
    capacity: 3,
    queues: [...a.queues],
    ...("supervisor" in a ? { supervisor: a.supervisor } : {})
  })),
  templates: {
    greeting: "Hi <customerName>, thanks for waiting. How can I help?",
    closing: "Thank you <customerName>, is there anything else?"
  }
})
