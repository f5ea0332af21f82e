/**
 * The build-time half of the contracts library: catalogue, schema composition, type
 * generation and the evolution guard, without the generated types. The contracts scripts
 * import this so they still compile when the generated files are stale or broken, which is
 * exactly when they are needed.
 */
export { ContractError } from './catalogue/contract.error';
export type {
  Catalogue,
  CatalogueEntry,
  EventKey,
  IdentifierKind,
  KeySource,
} from './catalogue/catalogue.types';
export { loadCatalogue, findCatalogueEntry } from './catalogue/load-catalogue';
export { resolveContractsDir, CONTRACTS_DIR_ENV } from './catalogue/contracts-dir';

export { composeEventSchema, PAYLOAD_FIELD } from './schema/compose-event-schema';
export {
  composeEventSchemaFromText,
  loadEventSchema,
  loadEventType,
} from './schema/load-event-schema';
export type { RecordSchemaJson, SchemaJson } from './schema/schema-json.types';
export { lintContractSchema } from './schema/lint-contract-schema';
export { eventFromJson } from './schema/event-json';

export { generateContractTypes } from './codegen/generate-contract-types';
export type { GeneratedFile } from './codegen/generate-contract-types';
export { writeGeneratedFiles, findStaleGeneratedFiles } from './codegen/generated-files';
export type { StaleFile } from './codegen/generated-files';

export { runEvolutionGuard, describeEvolutionFailure } from './evolution/evolution-guard';
export type { EvolutionFailure, EvolutionReport } from './evolution/evolution-guard';
