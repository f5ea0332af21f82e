import { RunningSchemaRegistry, startSchemaRegistry } from '@joinedup/schema-registry';
import { BrokerHarness, uniqueName } from './broker-harness';

export interface RegistryResponse {
  status: number;
  contentType: string | null;
  /** The parsed JSON body (every answer of the registry is JSON). */
  body: unknown;
  text: string;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * A schema registry over a real broker: the broker in-process on a free port with a temp data
 * dir, the registry on a free port with its own `_schemas`-style topic, and a small HTTP client.
 */
export class RegistryHarness {
  readonly broker = new BrokerHarness();
  readonly topic = uniqueName('_schemas');
  registry!: RunningSchemaRegistry;

  async start(): Promise<void> {
    await this.broker.start();
    await this.startRegistry();
  }

  async startRegistry(options: { maxBodyBytes?: number } = {}): Promise<RunningSchemaRegistry> {
    this.registry = await startSchemaRegistry({
      port: 0,
      topic: this.topic,
      kafka: { brokers: [this.broker.bootstrap], clientId: 'registry-e2e' },
      ...options,
    });
    return this.registry;
  }

  /** A new registry instance on the same topic, as after a process restart. */
  async restartRegistry(): Promise<RunningSchemaRegistry> {
    await this.registry.close();
    return this.startRegistry();
  }

  async stop(): Promise<void> {
    await this.registry?.close();
    await this.broker.stop();
  }

  get url(): string {
    return this.registry.url;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RegistryResponse> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers = { 'Content-Type': CONTENT_TYPE, ...headers };
    }
    const response = await fetch(`${this.url}${path}`, init);
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: text === '' ? undefined : JSON.parse(text),
      text,
    };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }

  put(path: string, body: unknown) {
    return this.request('PUT', path, body);
  }

  delete(path: string) {
    return this.request('DELETE', path);
  }

  /** Registers a schema (given as an object or text) and returns the response. */
  register(subject: string, schema: object | string) {
    const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
    return this.post(`/subjects/${encodeURIComponent(subject)}/versions`, { schema: text });
  }
}

export { uniqueName };
