/** Stable codes for why a reader schema cannot read a writer schema (Confluent's names). */
export type IncompatibilityRule =
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'MISSING_UNION_BRANCH'
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH';

/**
 * One reason a reader cannot read a writer. `path` locates it in the reader schema, with
 * fields by name and union branches by index: `/fields/taxStatus/type/symbols`, `/items`,
 * `/fields/contact/type/1`. `message` starts with the rule and the path.
 */
export interface Incompatibility {
  path: string;
  /** One of IncompatibilityRule. */
  rule: string;
  message: string;
}

export interface CompatibilityResult {
  compatible: boolean;
  /** One line per incompatibility, saying which direction and which previous schema. */
  messages: string[];
  incompatibilities: Incompatibility[];
}
