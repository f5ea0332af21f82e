export type { KafkaConnectionOptions, SaslMechanism } from './connection/kafka-connection-options';
export {
  kafkaConnectionSettings,
  kafkaConnectionFrom,
  loadKafkaConnectionOptions,
  missingSaslCredentials,
} from './connection/kafka-settings';
export type { KafkaConnectionConfig } from './connection/kafka-settings';

export { KafkaClientError } from './errors/kafka-client.error';
export type { KafkaClientErrorContext } from './errors/kafka-client.error';

export { KafkaProducer } from './producer/kafka-producer';
export type { KafkaProducerOptions } from './producer/kafka-producer';
export type {
  HeaderValue,
  OutgoingHeaders,
  ProducedOffsets,
  ProducerRecord,
} from './producer/producer-record';

export { PartitionBatchConsumer } from './consumer/partition-batch-consumer';
export type {
  ConsumerStatus,
  PartitionBatchConsumerOptions,
  TopicAssignment,
} from './consumer/partition-batch-consumer';
export { headerText } from './consumer/consumed-record';
export type {
  ConsumedRecord,
  PartitionBatch,
  PartitionBatchControl,
  PartitionBatchHandler,
  RecordHeaders,
} from './consumer/consumed-record';

export { KafkaAdmin } from './admin/kafka-admin';
export type {
  CommittedOffset,
  PartitionLag,
  PartitionOffsets,
  TopicSpec,
} from './admin/kafka-admin';
