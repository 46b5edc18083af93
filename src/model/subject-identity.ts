// Who a subject is: a datasheet's identity block or the module under test.

/** Identity fields of a subject: datasheet identity or the DUT's. */
export interface SubjectIdentity {
  vendor?: string;
  partNumber?: string;
  serialNumber?: string;
  hardwareRevision?: string;
  firmwareRevision?: string;
  opticsVariant?: string;
}

/** The identity fields, in the order reports show them. */
export const IDENTITY_KEYS = [
  "vendor",
  "partNumber",
  "serialNumber",
  "hardwareRevision",
  "firmwareRevision",
  "opticsVariant",
] as const satisfies readonly (keyof SubjectIdentity)[];
