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
