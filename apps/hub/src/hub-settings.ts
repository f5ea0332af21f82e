import { brokerSettings } from '@joinedup/broker';
import { boolean, prefixSettings } from '@joinedup/config';
import { schemaRegistryConfigSchema } from '@joinedup/schema-registry';

/**
 * The hub's one configuration schema: every part's settings under its own prefix (flags
 * `--broker-port`, `--registry-port`...), validated together at start-up.
 */
export const hubSettings = {
  embeddedBroker: boolean({
    env: 'JOINEDUP_EMBEDDED_BROKER',
    flag: 'embedded-broker',
    default: true,
    description:
      'Run the built-in broker. Set false to use the Kafka cluster named by JOINEDUP_KAFKA_BROKERS.',
  }),
  ...prefixSettings(brokerSettings, 'broker'),
  ...prefixSettings(schemaRegistryConfigSchema, 'registry'),
};
