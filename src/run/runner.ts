// Which machine or CI job wrote a record, for a merged report to name beside the host:
// XPO_RUNNER when set, else the CI's own job variables (GitLab, GitHub Actions, Jenkins).
// Read once per run; nothing else depends on it.

type Env = Readonly<Record<string, string | undefined>>;

// A short description of the CI job, or undefined outside CI (and without XPO_RUNNER).
export function describeRunner(env: Env = process.env): string | undefined {
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" ");
  if (env.XPO_RUNNER) return env.XPO_RUNNER;
  if (env.GITLAB_CI === "true")
    return join("GitLab job", env.CI_JOB_NAME, env.CI_JOB_ID && `#${env.CI_JOB_ID}`);
  if (env.GITHUB_ACTIONS === "true")
    return join("GitHub job", env.GITHUB_JOB, env.GITHUB_RUN_ID && `run ${env.GITHUB_RUN_ID}`);
  if (env.JENKINS_URL)
    return join("Jenkins", env.JOB_NAME, env.BUILD_NUMBER && `#${env.BUILD_NUMBER}`);
  return undefined;
}

// `{ runner }` for a run-start line, or nothing.
export function runnerField(env: Env = process.env): { runner?: string } {
  const runner = describeRunner(env);
  return runner ? { runner } : {};
}
