// Which profile (MSA revision) a run was judged against, as every record and report prints it.

export interface ProfileInfo {
  id: string;
  revision: string;
  title: string;
  /** sha256 over the profile's limit schema files, hex. */
  hash: string;
  /** The decision rule used for `marginal`, in words. */
  decisionRule: string;
}

/** One public source a profile's limits cite by id (its sources.json): what it is, who published
 * it, when, and where it was read. */
export interface ProfileSource {
  id: string;
  title: string;
  kind: string;
  publisher: string;
  date: string;
  /** What the source states, in the harness's own words. */
  what: string;
  /** Its web address, when it has one. */
  url?: string;
  /** Where it was read: the page, or the document when there is no web address. */
  where: string;
}
