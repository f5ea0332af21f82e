import { ConfigOf, Schema } from './setting';

export interface ConfigProblem {
  setting: string;
  source: string;
  value: string;
  reason: string;
}

/** Thrown at start-up when any setting is bad; the message names every bad setting. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      'Invalid configuration:\n' +
        problems
          .map((p) => `  ${p.setting} (${p.source}) = ${JSON.stringify(p.value)}: ${p.reason}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  env?: NodeJS.ProcessEnv;
  /** Command-line arguments without the node and script paths. */
  argv?: string[];
}

/**
 * Reads every setting of the schema, flags taking precedence over environment variables, and
 * throws one ConfigError that lists all bad settings rather than stopping at the first.
 */
export function loadConfig<S extends Schema>(schema: S, sources: ConfigSources = {}): ConfigOf<S> {
  const env = sources.env ?? process.env;
  const { flags, problems } = parseFlags(schema, sources.argv ?? []);
  const config: Record<string, unknown> = {};

  for (const [key, setting] of Object.entries(schema)) {
    const fromFlag = setting.flag !== undefined ? flags.get(setting.flag) : undefined;
    const fromEnv = env[setting.env];
    const raw = fromFlag ?? fromEnv;
    if (raw === undefined) {
      config[key] = setting.default;
      continue;
    }
    const source = fromFlag !== undefined ? `--${setting.flag}` : setting.env;
    try {
      config[key] = setting.parse(raw);
    } catch (err) {
      const value = setting.secret ? '(hidden)' : raw;
      problems.push({ setting: key, source, value, reason: (err as Error).message });
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config as ConfigOf<S>;
}

function parseFlags(
  schema: Schema,
  argv: string[],
): { flags: Map<string, string>; problems: ConfigProblem[] } {
  const known = new Set(Object.values(schema).flatMap((s) => (s.flag ? [s.flag] : [])));
  const flags = new Map<string, string>();
  const problems: ConfigProblem[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      problems.push({
        setting: arg,
        source: 'command line',
        value: arg,
        reason: 'expected --name=value',
      });
      continue;
    }
    const [, name, inline] = match;
    if (!known.has(name)) {
      problems.push({ setting: name, source: `--${name}`, value: arg, reason: 'unknown flag' });
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) {
      problems.push({ setting: name, source: `--${name}`, value: '', reason: 'missing value' });
      continue;
    }
    flags.set(name, value);
  }
  return { flags, problems };
}

/** Renders the schema as help text: flag, variable, default and meaning of every setting. */
export function describeSchema(schema: Schema): string {
  return Object.values(schema)
    .map((s) => {
      const flag = s.flag ? `--${s.flag}` : '';
      return `  ${flag.padEnd(28)} ${s.env.padEnd(40)} default ${JSON.stringify(s.default)}\n      ${s.description}`;
    })
    .join('\n');
}
