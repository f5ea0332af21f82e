import { ApiKey } from '../protocol';
import { handleApiVersions } from './api-versions.handler';
import { BrokerContext } from './broker-context';
import { handleCreateTopics } from './create-topics.handler';
import { handleDeleteTopics } from './delete-topics.handler';
import { handleFetch } from './fetch.handler';
import { handleInitProducerId } from './init-producer-id.handler';
import { handleListOffsets } from './list-offsets.handler';
import { handleMetadata } from './metadata.handler';
import { handleProduce } from './produce.handler';
import { HandlerTable } from './request-handler';

/** The handlers for every API except the group ones, bound to one broker. */
export function createBrokerHandlers(broker: BrokerContext): HandlerTable {
  return {
    [ApiKey.ApiVersions]: handleApiVersions,
    [ApiKey.Metadata]: (ctx) => handleMetadata(broker, ctx),
    [ApiKey.Produce]: (ctx) => handleProduce(broker, ctx),
    [ApiKey.Fetch]: (ctx) => handleFetch(broker, ctx),
    [ApiKey.ListOffsets]: (ctx) => handleListOffsets(broker, ctx),
    [ApiKey.CreateTopics]: (ctx) => handleCreateTopics(broker, ctx),
    [ApiKey.DeleteTopics]: (ctx) => handleDeleteTopics(broker, ctx),
    [ApiKey.InitProducerId]: (ctx) => handleInitProducerId(broker, ctx),
  };
}
