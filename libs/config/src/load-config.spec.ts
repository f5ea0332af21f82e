import { ConfigError, loadConfig } from './load-config';
import {
  boolean,
  byteSize,
  duration,
  integer,
  oneOf,
  prefixSettings,
  text,
  unprefixConfig,
} from './setting';

const schema = {
  port: integer({
    env: 'T_PORT',
    flag: 'port',
    default: 9092,
    min: 1,
    max: 65535,
    description: 'p',
  }),
  host: text({ env: 'T_HOST', flag: 'host', default: '127.0.0.1', description: 'h' }),
  mode: oneOf({
    env: 'T_MODE',
    flag: 'mode',
    default: 'a',
    values: ['a', 'b'] as const,
    description: 'm',
  }),
  on: boolean({ env: 'T_ON', flag: 'on', default: false, description: 'o' }),
  wait: duration({ env: 'T_WAIT', flag: 'wait', default: 1000, description: 'w' }),
  size: byteSize({ env: 'T_SIZE', flag: 'size', default: 1024, description: 's' }),
};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.setting}: ${p.reason}`);
    throw err;
  }
  return [];
}

describe(loadConfig.name, () => {
  it('uses defaults when nothing is set', () => {
    expect(loadConfig(schema, { env: {} })).toEqual({
      port: 9092,
      host: '127.0.0.1',
      mode: 'a',
      on: false,
      wait: 1000,
      size: 1024,
    });
  });

  it('reads the environment and lets flags win over it', () => {
    const config = loadConfig(schema, {
      env: { T_PORT: '19092', T_MODE: 'b' },
      argv: ['--port=29092', '--on', 'true', '--wait=15m', '--size=100MiB'],
    });
    expect(config).toMatchObject({
      port: 29092,
      mode: 'b',
      on: true,
      wait: 900_000,
      size: 100 * 2 ** 20,
    });
  });

  it.each([
    ['duration', { T_WAIT: '7d' }, { wait: 7 * 86_400_000 }],
    ['duration never', { T_WAIT: '-1' }, { wait: -1 }],
    ['size in KiB', { T_SIZE: '512KiB' }, { size: 512 * 1024 }],
    ['boolean yes', { T_ON: 'yes' }, { on: true }],
  ])('parses a %s', (_name, env, expected) => {
    expect(loadConfig(schema, { env })).toMatchObject(expected);
  });

  it('names every bad setting in one error, with source, value and expectation', () => {
    const problems = problemsOf(() =>
      loadConfig(schema, {
        env: { T_PORT: '70000', T_MODE: 'c' },
        argv: ['--wait=soon', '--size=lots', '--colour=red', 'stray'],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'port: expected at most 65535',
        'mode: expected one of a, b',
        'wait: expected a duration such as 500ms, 30s, 15m, 12h or 7d, or -1',
        'size: expected a size such as 1048576, 512KiB, 100MiB or 2GiB, or -1',
        'colour: unknown flag',
        'stray: expected --name=value',
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('quotes the bad value and its source in the message', () => {
    expect(() => loadConfig(schema, { env: { T_PORT: 'http' } })).toThrow(
      'port (T_PORT) = "http": expected a whole number',
    );
  });

  it('combines schemas under prefixes and splits the result back', () => {
    const combined = { ...prefixSettings(schema, 'broker'), ...prefixSettings(schema, 'registry') };
    const config = loadConfig(combined, {
      env: { T_HOST: '0.0.0.0' },
      argv: ['--broker-port=1', '--registry-port=2'],
    });
    expect(config.brokerPort).toBe(1);
    expect(config.registryPort).toBe(2);
    expect(unprefixConfig<{ port: number; host: string }>(config, 'registry')).toMatchObject({
      port: 2,
      host: '0.0.0.0',
    });
  });

  it('never echoes the value of a secret setting', () => {
    const secretSchema = {
      url: {
        ...text({
          env: 'T_URL',
          default: '',
          pattern: /^pg:/,
          expected: 'a pg: URL',
          description: 'u',
        }),
        secret: true,
      },
    };
    expect(() => loadConfig(secretSchema, { env: { T_URL: 'mysql://me:hunter2@db' } })).toThrow(
      'url (T_URL) = "(hidden)": expected a pg: URL',
    );
  });
});
