import { brokerSettings } from '@joinedup/broker';
import { boolean, prefixSettings, text } from '@joinedup/config';
import { dvlaSandboxSettings } from '@joinedup/dvla-sandbox';
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
  schemaRegistryUrl: text({
    env: 'JOINEDUP_SCHEMA_REGISTRY_URL',
    flag: 'schema-registry-url',
    default: '',
    pattern: /^https?:\/\/[^\s/]+(\/\S*)?$/,
    expected: 'an http:// or https:// URL',
    description:
      'An external Confluent-compatible registry (Confluent, Apicurio, Karapace); empty runs the built-in one.',
  }),
  ...prefixSettings(brokerSettings, 'broker'),
  ...prefixSettings(schemaRegistryConfigSchema, 'registry'),
  dvlaSandbox: boolean({
    env: 'JOINEDUP_DVLA_SANDBOX',
    flag: 'dvla-sandbox',
    default: true,
    description:
      'Run the DVLA sandbox for development; set false in production, where JOINEDUP_DVLA_BASE_URL names DVLA.',
  }),
  ...prefixSettings(dvlaSandboxSettings, 'dvlaSandbox'),
};
