/** One stored version of a province's routing table, and its reading from a store row. */

export interface TableVersion {
  province: string;
  version: number;
  xml: string;
  sha256: string;
  source: string;
  deployedAt: string;
  deployedBy: string;
  comment: string;
  decisionKey: string | null;
}

/** A `routing_tables` row as the store returns it, read into a version. */
export function toVersion(r: {
  province: string;
  version: number;
  xml: string;
  sha256: string;
  source: string;
  deployed_at: string;
  deployed_by: string;
  comment: string;
  decision_key: string | null;
}): TableVersion {
  return {
    province: r.province,
    version: Number(r.version),
    xml: r.xml,
    sha256: r.sha256,
    source: r.source,
    deployedAt: r.deployed_at,
    deployedBy: r.deployed_by,
    comment: r.comment,
    decisionKey: r.decision_key,
  };
}
