export { loadConfig, describeSchema, ConfigError } from './load-config';
export type { ConfigProblem, ConfigSources } from './load-config';
export {
  integer,
  text,
  oneOf,
  boolean,
  duration,
  byteSize,
  prefixSettings,
  unprefixConfig,
} from './setting';
export type { Setting, Schema, ConfigOf } from './setting';
