// The <testsuite> a merged junit.xml ends with: every record's identity as properties (shard,
// host, station, times, harness, profile and limits hash), the duplicate subjects in
// <system-out>, and an error testcase for each problem that makes the batch's answer unsure (a
// record that did not finish, records judged against different profiles). Without problems it
// holds no testcase, so the merged totals equal those of one unsharded run.
import type { MergeInfo } from "./merge-model.js";
import type { XmlWriter } from "./xml-writer.js";

/** Error testcases the suite added (to the document's totals). */
export interface MergeSuiteCounts {
  tests: number;
  errors: number;
}

export function writeMergeSuite(
  xml: XmlWriter,
  merge: MergeInfo,
  timestamp: string,
): MergeSuiteCounts {
  const problems: { name: string; type: string; message: string }[] = [];
  const record = (i: number) => merge.records[i - 1];
  for (const i of merge.incomplete) {
    const r = record(i);
    problems.push({
      name: `record ${r?.label ?? i} finished`,
      type: "XPO_INCOMPLETE",
      message: `${r?.label ?? i} (${r?.path ?? "?"}, host ${r?.hostname ?? "?"}) has no run-end line: that shard crashed or was stopped, so the merged report is incomplete`,
    });
  }
  for (const shard of merge.missingShards)
    problems.push({
      name: `shard ${shard} present`,
      type: "XPO_INCOMPLETE",
      message: `no record of shard ${shard} was given: its share of the inputs was not checked`,
    });
  if (merge.mixedProfiles)
    problems.push({
      name: "records share one profile",
      type: "mixed-profiles",
      message: `the records were judged against ${merge.profiles.length} profiles or limit sets (${merge.profiles.map((g) => `${g.id} rev ${g.revision} ${g.hash.slice(0, 12)}: records ${g.records.join(", ")}`).join("; ")}); their counts are not one verdict`,
    });
  xml.open("testsuite", {
    name: `merge of ${merge.records.length} records`,
    tests: problems.length,
    failures: 0,
    errors: problems.length,
    skipped: 0,
    timestamp,
  });
  xml.open("properties");
  for (const r of merge.records) {
    const ended = r.endedAt ?? "did not finish";
    const value = [
      r.label,
      r.path,
      `host ${r.hostname}`,
      r.runner ? `runner ${r.runner}` : "",
      r.station ? `station ${r.station}` : "",
      `${r.startedAt} to ${ended}`,
      `xpo-msa-harness ${r.harness.version} (${r.harness.commit})`,
      `profile ${r.profile.id} rev ${r.profile.revision} sha256 ${r.profile.hash}`,
      `exit code ${r.exitCode ?? "none"}`,
    ].filter(Boolean);
    xml.leaf("property", { name: `merge.record.${r.index}`, value: value.join(" · ") });
  }
  xml.close();
  for (const p of problems) {
    xml.open("testcase", { name: p.name, classname: "merge", time: 0 });
    xml.leaf("error", { type: p.type, message: p.message }, p.message);
    xml.close();
  }
  if (merge.duplicates.length > 0) {
    const lines = merge.duplicates.map((d) => {
      const results = d.occurrences.map(
        (o) => `${record(o.record)?.label ?? o.record}: ${o.worst}${o.counted ? " (counted)" : ""}`,
      );
      return `duplicate ${d.kind} ${d.name}: ${results.join("; ")}`;
    });
    xml.leaf("system-out", {}, `${lines.join("\n")}\n`);
  }
  xml.close();
  return { tests: problems.length, errors: problems.length };
}
