export { LegacyWasteError, isRetriableLegacyWasteError } from './errors/legacy-waste.error';
export type { LegacyWasteErrorCode, LegacyWasteErrorContext } from './errors/legacy-waste.error';

export type {
  BartecXmlFeed,
  CouncilConfig,
  CsvFeed,
  EventMapping,
  FeedConfig,
  FeedFormat,
  FeedMapping,
  FieldRule,
  FieldType,
  FixedWidthFeed,
  FixedWidthLayout,
  LayoutField,
  SourceEncoding,
} from './council/council-config.types';
export {
  loadCouncilConfig,
  loadCouncilConfigs,
  COUNCIL_FILE,
} from './council/council-config.loader';
export { CouncilRegistry } from './council/council-registry';

export type {
  ParsedChunk,
  SourceParser,
  SourceProblem,
  SourceRecord,
} from './parsing/source-record';
export { createSourceParser } from './parsing/source-parser.factory';
export { CsvTokenizer } from './csv/csv-tokenizer';
export type { CsvRow } from './csv/csv-tokenizer';
export { CsvRecordParser } from './csv/csv-record.parser';
export { FixedWidthRecordParser } from './fixed-width/fixed-width-record.parser';
export { BartecXmlRecordParser } from './bartec/bartec-xml-record.parser';
export { SourceDecoder } from './text/source-decoder';

export { ContractSet } from './mapping/contract-set';
export { FeedMapper } from './mapping/feed-mapper';
export { RecordMapper } from './mapping/record-mapper';
export type { MapResult, MappedRecord, RejectedRecord } from './mapping/record-mapper';
export { deriveEventId, LEGACY_INTAKE_NAMESPACE } from './mapping/event-id';

export { EVENT_SINK } from './intake/event-sink.port';
export type { EventSink } from './intake/event-sink.port';
export { REJECTION_STORE } from './intake/rejection-store.port';
export type {
  NewRejection,
  RejectionFilter,
  RejectionStatus,
  RejectionStore,
  StoredRejection,
} from './intake/rejection-store.port';
export { PROCESSED_FILE_STORE } from './intake/processed-file-store.port';
export type { ProcessedFile, ProcessedFileStore } from './intake/processed-file-store.port';
export type {
  IntakeInput,
  IntakeOptions,
  IntakeProgress,
  IntakeSummary,
} from './intake/intake.types';
export { IntakeService } from './intake/intake.service';
export type { IntakeServiceOptions } from './intake/intake.service';
export { RejectionService } from './intake/rejection.service';
export type { ResubmitOutcome } from './intake/rejection.service';

export {
  LEGACY_WASTE_MIGRATIONS,
  openLegacyWasteDatabase,
} from './persistence/legacy-waste-database';
export { SqlRejectionStore } from './persistence/sql-rejection.store';
export { SqlProcessedFileStore } from './persistence/sql-processed-file.store';
export { AvroKafkaEventSink } from './kafka/avro-kafka-event.sink';
export type { AvroKafkaEventSinkOptions } from './kafka/avro-kafka-event.sink';

export { DropFolderWatcher } from './drop-folder/drop-folder.watcher';
export type { DropFolderOptions, DropOutcome } from './drop-folder/drop-folder.watcher';
export { stageDir } from './drop-folder/drop-folder-paths';
export type { DropStage } from './drop-folder/drop-folder-paths';

export { ASSESSMENT_WRITER } from './outbound/assessment-writer.port';
export type { AssessmentReceipt, AssessmentWriter } from './outbound/assessment-writer.port';
export { BartecSoapAssessmentWriter } from './outbound/bartec-soap-assessment.writer';
export type { BartecSoapWriterOptions } from './outbound/bartec-soap-assessment.writer';
export {
  ASSESSMENT_CSV_HEADER,
  CsvFileAssessmentWriter,
} from './outbound/csv-file-assessment.writer';
export type { CsvAssessmentWriterOptions } from './outbound/csv-file-assessment.writer';
export { RetryPolicy } from './outbound/retry-policy';
export type { RetryPolicyOptions } from './outbound/retry-policy';
