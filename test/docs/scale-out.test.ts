// The scale-out recipes of docs/scale-out.md are valid as written: the Kubernetes manifest against
// the Kubernetes API schema (kubernetes-models validates each object), the GitHub Actions workflow
// with GitHub's own workflow parser, and both run the commands the docs describe. A broken manifest
// or workflow is caught (the checks are shown to reject a damaged copy).
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser"
import { Job } from "kubernetes-models/batch/v1/Job"
import { describe, expect, it } from "vitest"
import YAML from "yaml"
import { root } from "../support/cli.ts"

const read = (name: string): string => readFileSync(join(root, "docs/scale-out", name), "utf8")

const workflowErrors = (content: string): Array<string> =>
  parseWorkflow({ name: "workflow.yaml", content }, new NoOperationTraceWriter())
    .context.errors.getErrors()
    .map((e) => e.message)

describe("scale-out recipes", () => {
  it("the Kubernetes manifest is two valid batch/v1 Jobs: an Indexed Job of shards and a merge", () => {
    const docs = YAML.parseAllDocuments(read("kubernetes-indexed-job.yaml")).map(
      (d) => d.toJS() as Record<string, unknown>
    )
    expect(docs).toHaveLength(2)
    for (const doc of docs) expect(() => new Job(doc as never).validate()).not.toThrow()
    const [shards, merge] = docs as Array<{
      spec: {
        completionMode?: string
        completions?: number
        template: { spec: { containers: Array<{ args: Array<string> }> } }
      }
    }>
    expect(shards!.spec.completionMode).toBe("Indexed")
    expect(shards!.spec.completions).toBe(4)
    expect(shards!.spec.template.spec.containers[0]!.args[0]).toMatch(
      /--shard "\$JOB_COMPLETION_INDEX\/4" --json "\/parts\/part-\$JOB_COMPLETION_INDEX\.json"/
    )
    expect(merge!.spec.template.spec.containers[0]!.args[0]).toMatch(/npx livechat-sim merge \/parts\/part-\*\.json/)
    expect(() =>
      new Job({ ...docs[0], spec: { ...(docs[0] as { spec: object }).spec, completions: "four" } } as never).validate()
    ).toThrow()
  })

  it("the GitHub Actions workflow parses without error and shards then merges", () => {
    const text = read("github-actions-matrix.yaml")
    expect(workflowErrors(text)).toEqual([])
    expect(text).toMatch(/--shard \$\{\{ matrix\.shard \}\}\/4 --json part-\$\{\{ matrix\.shard \}\}\.json/)
    expect(text).toMatch(/npx livechat-sim merge parts\/part-\*\.json/)
    expect(workflowErrors(text.replace("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest")).length).toBeGreaterThan(0)
  })
})
