import { Broker, BrokerConfig } from '@joinedup/broker';
import { ConfigError, ConfigOf, unprefixConfig } from '@joinedup/config';
import { loadCatalogue, registerContracts } from '@joinedup/contracts';
import { SchemaRegistryClient } from '@joinedup/avro';
import { DvlaSandboxConfig, sandboxOptionsFrom, startDvlaSandbox } from '@joinedup/dvla-sandbox';
import { createLogger } from '@joinedup/logging';
import { Stoppable } from '@joinedup/runtime';
import {
  missingSaslCredentials,
  schemaRegistryConfigSchema,
  schemaRegistrySettingsFrom,
  startSchemaRegistry,
} from '@joinedup/schema-registry';
import { hubSettings } from './hub-settings';

export type HubConfig = ConfigOf<typeof hubSettings>;

export interface RunningHub extends Stoppable {
  /** Kafka bootstrap address (the embedded broker's, or the external cluster's first). */
  kafka: string;
  registryUrl: string;
  /** The DVLA sandbox's base URL, when the hub runs it. */
  dvlaSandboxUrl?: string;
}

/**
 * Starts every part of the hub in dependency order: broker, schema registry, then the
 * contracts registered in it. A part that fails stops the ones already started.
 */
export async function startHub(
  config: HubConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningHub> {
  const log = createLogger('Hub');
  const started: Stoppable[] = [];
  const close = async (): Promise<void> => {
    for (const part of started.reverse()) await part.close();
  };

  try {
    const registryConfig = unprefixConfig<ConfigOf<typeof schemaRegistryConfigSchema>>(
      config,
      'registry',
    );
    const saslProblems = missingSaslCredentials(env);
    if (saslProblems.length > 0) throw new ConfigError(saslProblems);
    const registrySettings = schemaRegistrySettingsFrom(registryConfig);

    if (config.embeddedBroker) {
      const broker = await Broker.start(unprefixConfig<BrokerConfig>(config, 'broker'));
      started.push(broker);
      registrySettings.kafka = { ...registrySettings.kafka, brokers: [broker.bootstrap] };
    }
    let registryUrl = config.schemaRegistryUrl;
    if (!registryUrl) {
      const registry = await startSchemaRegistry(registrySettings);
      started.push(registry);
      registryUrl = registry.url;
    }

    const registered = await registerContracts(
      loadCatalogue(),
      new SchemaRegistryClient({ url: registryUrl }),
    );
    let dvlaSandboxUrl: string | undefined;
    if (config.dvlaSandbox) {
      const sandbox = await startDvlaSandbox(
        sandboxOptionsFrom(unprefixConfig<DvlaSandboxConfig>(config, 'dvlaSandbox')),
      );
      started.push(sandbox);
      dvlaSandboxUrl = sandbox.url;
    }

    const hub = { kafka: registrySettings.kafka.brokers[0], registryUrl, dvlaSandboxUrl, close };
    log.info('hub ready', {
      kafka: hub.kafka,
      registry: hub.registryUrl,
      contracts: registered.length,
    });
    return hub;
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
