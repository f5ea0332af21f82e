import { createLogger } from '@joinedup/logging';
import { addCompatibilityRoutes } from './http/routes/compatibility.routes';
import { addConfigRoutes } from './http/routes/config.routes';
import { addModeRoutes } from './http/routes/mode.routes';
import { addSchemaRoutes } from './http/routes/schemas.routes';
import { addSubjectRoutes } from './http/routes/subjects.routes';
import { RegistryHttpServer } from './http/registry-http-server';
import { Router } from './http/router';
import { SchemaRegistryService } from './schema-registry.service';
import { KafkaConnectionOptions } from './store/kafka-connection';
import { KafkaSchemaStore } from './store/kafka-schema-store';
import { SchemaStore } from './store/schema-store';

const log = createLogger('SchemaRegistry');

export interface SchemaRegistryOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8081; 0 picks a free port (see the returned `port`). */
  port?: number;
  /** Largest request body; default 1 MiB. */
  maxBodyBytes?: number;
  /** Where the `_schemas` topic lives. Required unless `store` is given. */
  kafka?: KafkaConnectionOptions;
  /** Default `_schemas`. */
  topic?: string;
  /** Another store in place of Kafka (specs of pure logic only). */
  store?: SchemaStore;
}

export interface RunningSchemaRegistry {
  /** Base URL, e.g. http://127.0.0.1:8081. */
  url: string;
  port: number;
  /** Stops serving, lets in-flight requests finish, and disconnects from Kafka. */
  close(): Promise<void>;
}

/**
 * Starts a Confluent-compatible schema registry: loads the whole `_schemas` topic, then serves
 * the REST API. Resolves once it is ready to answer.
 */
export async function startSchemaRegistry(
  options: SchemaRegistryOptions,
): Promise<RunningSchemaRegistry> {
  const host = options.host ?? '127.0.0.1';
  const registry = new SchemaRegistryService(storeFor(options));
  await registry.start();

  const server = new RegistryHttpServer(routerFor(registry), {
    host,
    port: options.port ?? 8081,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (err) {
    await registry.close();
    throw err;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('schema registry listening', { url });

  return {
    url,
    port,
    close: async () => {
      await server.close();
      await registry.close();
      log.info('schema registry stopped', { url });
    },
  };
}

function storeFor(options: SchemaRegistryOptions): SchemaStore {
  if (options.store) return options.store;
  if (!options.kafka) throw new TypeError('startSchemaRegistry needs either kafka or store');
  return new KafkaSchemaStore({ kafka: options.kafka, topic: options.topic ?? '_schemas' });
}

function routerFor(registry: SchemaRegistryService): Router {
  const router = new Router();
  addSubjectRoutes(router, registry);
  addSchemaRoutes(router, registry);
  addConfigRoutes(router, registry);
  addModeRoutes(router, registry);
  addCompatibilityRoutes(router, registry);
  return router;
}
