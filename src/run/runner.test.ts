// Which CI job wrote a record: XPO_RUNNER first, then each CI's own variables, else nothing.
import { describe, expect, it } from "vitest";
import { describeRunner, runnerField } from "./runner.js";

describe("describeRunner", () => {
  it.each([
    [{ XPO_RUNNER: "bench-pc-3", GITLAB_CI: "true", CI_JOB_NAME: "x" }, "bench-pc-3"],
    [
      { GITLAB_CI: "true", CI_JOB_NAME: "validate-shard 2/3", CI_JOB_ID: "881" },
      "GitLab job validate-shard 2/3 #881",
    ],
    [
      { GITHUB_ACTIONS: "true", GITHUB_JOB: "shard", GITHUB_RUN_ID: "42" },
      "GitHub job shard run 42",
    ],
    [{ JENKINS_URL: "https://ci.example/", JOB_NAME: "xpo", BUILD_NUMBER: "7" }, "Jenkins xpo #7"],
  ])("names %j as %j", (env, name) => expect(describeRunner(env)).toBe(name));

  it("is nothing outside CI, and adds no field to the record", () => {
    expect(describeRunner({ HOME: "/root" })).toBeUndefined();
    expect(runnerField({})).toEqual({});
  });
});
