import {
  AvroError,
  checkCompatibility,
  CompatibilityLevel,
  normalizedForm,
  parseAvroSchema,
} from '@joinedup/avro';
import { RegistryErrors } from './errors/registry.error';

/**
 * The registry's only door to Avro: every rule (validity, identity, compatibility) is
 * @joinedup/avro's; this file turns its errors into the registry's 42201.
 */

/**
 * Validates a schema and returns its identity: the Parsing Canonical Form's layout, but keeping
 * defaults, logical types, aliases and docs. Pure canonical form drops those, so a long and a
 * timestamp-millis would share an id and decoders would get whichever was registered first.
 */
export function identifyAvroSchema(schema: string): string {
  return withInvalidSchemaAsRegistryError(() => {
    parseAvroSchema(schema);
    return normalizedForm(schema);
  });
}

export interface CompatibilityVerdict {
  compatible: boolean;
  messages: string[];
}

/** Checks a valid candidate against earlier schemas, oldest first, under `level`. */
export function checkAvroCompatibility(
  candidate: string,
  previous: string[],
  level: CompatibilityLevel,
): CompatibilityVerdict {
  return withInvalidSchemaAsRegistryError(() => {
    const { compatible, messages } = checkCompatibility(candidate, previous, level);
    return { compatible, messages };
  });
}

function withInvalidSchemaAsRegistryError<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof AvroError) throw RegistryErrors.invalidSchema(err.message);
    throw err;
  }
}
