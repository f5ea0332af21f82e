export { Broker } from './broker';
export { brokerSettings, loadBrokerConfig, brokerConfig } from './config/broker-config';
export type { BrokerConfig } from './config/broker-config';
export * as protocol from './protocol';
export { FrameDecoder } from './server/frame-decoder';
export { buildBatch as buildRecordBatch } from './log/test-batch';
