import type {
  Authority,
  CaseLanguage,
  GeneralCondition,
  Measure,
  ParticularCategory,
  ParticularType,
} from '@iplus/contract';

/**
 * A release decision as the platform stores it, after validation (`validateDecisionInput`). Type
 * aliases rather than interfaces, so a value is assignable to index-signature types of its readers.
 */
export type Domicile = {
  street: string;
  number: string;
  box?: string;
  postalCode?: string;
  /** Always set after validation: given, or resolved from the postal code. */
  municipalityNis: string;
};

export type Person = {
  /** 11 digits, no separators. */
  nrn: string;
  lastName: string;
  firstNames: string;
  /** YYYY-MM-DD; taken from the national register number when it encodes one and none was given. */
  birthDate?: string;
  domicile: Domicile;
};

export type ParticularCondition = {
  type: ParticularType;
  category: ParticularCategory;
  /** Free text; may be empty except for category `other`. */
  text: string;
};

export type Conditions = {
  general: GeneralCondition[];
  particular: ParticularCondition[];
};

export type DecisionInput = {
  /** The idempotency key: the court's or parquet's number. */
  reference: string;
  authority: Authority;
  court: string;
  /** YYYY-MM-DD, not in the future. */
  decisionDate: string;
  measure: Measure;
  /** Defaults to measure == electronic_monitoring. */
  electronicMonitoring: boolean;
  prisonId?: string;
  /**
   * Language of the proceedings. Optional in the request outside Brussels (defaults to the
   * municipality's language area); required for a Brussels domicile, where it picks the justice house.
   */
  language: CaseLanguage;
  conditions: Conditions;
  person: Person;
};

/** One problem in a request: `field` is a JSON path ("person.nrn"), `code` a stable slug the UI translates. */
export type FieldError = { field: string; code: string; message: string };
