/**
 * One setting of the configuration schema: where it is read from (environment variable and
 * command-line flag), its default, and how its text is parsed and checked.
 */
export interface Setting<T> {
  /** Environment variable, e.g. JOINEDUP_BROKER_PORT. */
  env: string;
  /** Command-line flag without dashes, e.g. port for --port. */
  flag?: string;
  description: string;
  default: T;
  /** A password or a URL that may carry one: its value is never echoed in an error. */
  secret?: boolean;
  /** Parses the raw text, throwing an Error whose message says what was expected. */
  parse(raw: string): T;
}

export type Schema = Record<string, Setting<unknown>>;
export type ConfigOf<S extends Schema> = {
  [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

export function integer(opts: {
  env: string;
  flag?: string;
  description: string;
  default: number;
  min?: number;
  max?: number;
}): Setting<number> {
  return {
    ...opts,
    parse(raw) {
      const trimmed = raw.trim();
      if (!/^-?\d+$/.test(trimmed)) throw new Error('expected a whole number');
      const value = Number(trimmed);
      if (opts.min !== undefined && value < opts.min)
        throw new Error(`expected at least ${opts.min}`);
      if (opts.max !== undefined && value > opts.max)
        throw new Error(`expected at most ${opts.max}`);
      return value;
    },
  };
}

export function text(opts: {
  env: string;
  flag?: string;
  description: string;
  default: string;
  pattern?: RegExp;
  expected?: string;
}): Setting<string> {
  return {
    ...opts,
    parse(raw) {
      if (raw.length === 0) throw new Error('expected a non-empty value');
      if (opts.pattern && !opts.pattern.test(raw))
        throw new Error(`expected ${opts.expected ?? opts.pattern}`);
      return raw;
    },
  };
}

export function oneOf<T extends string>(opts: {
  env: string;
  flag?: string;
  description: string;
  default: T;
  values: readonly T[];
}): Setting<T> {
  return {
    ...opts,
    parse(raw) {
      if (!(opts.values as readonly string[]).includes(raw)) {
        throw new Error(`expected one of ${opts.values.join(', ')}`);
      }
      return raw as T;
    },
  };
}

export function boolean(opts: {
  env: string;
  flag?: string;
  description: string;
  default: boolean;
}): Setting<boolean> {
  return {
    ...opts,
    parse(raw) {
      if (['true', '1', 'yes'].includes(raw)) return true;
      if (['false', '0', 'no'].includes(raw)) return false;
      throw new Error('expected true or false');
    },
  };
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A duration such as 500ms, 30s, 15m, 12h or 7d; -1 means "never". Parsed to milliseconds. */
export function duration(opts: {
  env: string;
  flag?: string;
  description: string;
  default: number;
}): Setting<number> {
  return {
    ...opts,
    parse(raw) {
      if (raw.trim() === '-1') return -1;
      const match = /^(\d+)(ms|s|m|h|d)$/.exec(raw.trim());
      if (!match) throw new Error('expected a duration such as 500ms, 30s, 15m, 12h or 7d, or -1');
      return Number(match[1]) * DURATION_UNITS[match[2]];
    },
  };
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** A byte size such as 1048576, 512KiB, 100MiB or 2GiB; -1 means "unlimited". */
export function byteSize(opts: {
  env: string;
  flag?: string;
  description: string;
  default: number;
  min?: number;
}): Setting<number> {
  return {
    ...opts,
    parse(raw) {
      if (raw.trim() === '-1') return -1;
      const match = /^(\d+)\s*(b|kib|mib|gib)?$/i.exec(raw.trim());
      if (!match) throw new Error('expected a size such as 1048576, 512KiB, 100MiB or 2GiB, or -1');
      const value = Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()];
      if (opts.min !== undefined && value < opts.min)
        throw new Error(`expected at least ${opts.min} bytes`);
      return value;
    },
  };
}

type Prefixed<S extends Schema, P extends string> = {
  [K in keyof S & string as `${P}${Capitalize<K>}`]: S[K];
};

/**
 * Renames a schema's keys and flags under a prefix, so that several apps' schemas combine into
 * one (the hub's): `port` becomes `brokerPort` with flag `--broker-port` (and under the prefix
 * `dvlaSandbox`, `--dvla-sandbox-port`). Variables keep their
 * names, which are already unique per app.
 */
export function prefixSettings<S extends Schema, P extends string>(
  schema: S,
  prefix: P,
): Prefixed<S, P> {
  const out: Record<string, Setting<unknown>> = {};
  for (const [key, setting] of Object.entries(schema)) {
    const name = `${prefix}${key[0].toUpperCase()}${key.slice(1)}`;
    const flagPrefix = prefix.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    out[name] = { ...setting, flag: setting.flag && `${flagPrefix}-${setting.flag}` };
  }
  return out as Prefixed<S, P>;
}

/** The inverse of prefixSettings for a loaded configuration. */
export function unprefixConfig<T extends Record<string, unknown>>(
  config: Record<string, unknown>,
  prefix: string,
): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(prefix) || key.length === prefix.length) continue;
    const rest = key.slice(prefix.length);
    out[rest[0].toLowerCase() + rest.slice(1)] = value;
  }
  return out as T;
}
