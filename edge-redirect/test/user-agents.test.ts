import { describe, expect, it } from "vitest";
import rules from "@smo1/kv-record/user-agents.json";
import table from "@smo1/kv-record/user-agent-cases.json";
import { type AgentClass, type AgentRules, classifyAgent } from "@smo1/kv-record/rules";

/**
 * Real User-Agent headers classified as the shared table says, in workerd: the node's
 * VisitorAgents runs the same table (link-domain's VisitorAgentsTest).
 */
type Case = { name: string; userAgent: string | null; expect: AgentClass };

const cases = table.cases as Case[];

describe("visitor user agents (shared table with VisitorAgents in link-domain)", () => {
  it("has at least twenty-five real user agents, bots and browsers among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(cases.filter((c) => c.expect.bot === null).length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.expect.preview).length).toBeGreaterThan(5);
  });

  for (const c of cases) {
    it(c.name, () => {
      expect(classifyAgent(rules as AgentRules, c.userAgent)).toEqual(c.expect);
    });
  }
});
