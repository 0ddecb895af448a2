import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // GitHub's workflow parser imports a JSON file without an import attribute, which Node's own
    // loader refuses: let Vite load it (test/docs/scale-out.test.ts)
    server: { deps: { inline: ["@actions/workflow-parser"] } }
  }
})
