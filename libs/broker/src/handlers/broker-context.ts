import type { BrokerConfig } from '../config/broker-config';
import type { LogManager } from '../log';
import type { FetchPurgatory } from '../server/fetch-purgatory';
import type { ProducerIdAllocator } from '../server/producer-id-allocator';

export interface NodeAddress {
  nodeId: number;
  host: string;
  port: number;
}

/** What the request handlers share: configuration, storage and the advertised address. */
export interface BrokerContext {
  config: BrokerConfig;
  logs: LogManager;
  node(): NodeAddress;
  clusterId: string;
  fetchWaits: FetchPurgatory;
  producerIds: ProducerIdAllocator;
}
