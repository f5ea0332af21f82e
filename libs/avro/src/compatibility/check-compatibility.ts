import { AvroSchemaInput } from '../schema/schema-input';
import { buildSchemaGraph } from '../schema/schema-graph';
import { CompatibilityLevel } from './compatibility-level';
import { CompatibilityResult, Incompatibility } from './incompatibility';
import { readerCanRead } from './reader-can-read';

type Direction = 'backward' | 'forward';

/**
 * Whether `candidate` may follow `previous` (oldest first) under `level`. Non-transitive
 * levels check only the latest previous schema; the TRANSITIVE ones check every one. The
 * candidate is validated even under NONE, so an invalid schema always throws AvroSchemaError.
 */
export function checkCompatibility(
  candidate: AvroSchemaInput,
  previous: AvroSchemaInput[],
  level: CompatibilityLevel,
): CompatibilityResult {
  buildSchemaGraph(candidate);
  const against = previousToCheck(previous, level);
  const directions = directionsOf(level);

  const incompatibilities: Incompatibility[] = [];
  const messages: string[] = [];
  for (const { schema, position } of against) {
    for (const direction of directions) {
      const found =
        direction === 'backward'
          ? readerCanRead(candidate, schema)
          : readerCanRead(schema, candidate);
      incompatibilities.push(...found);
      const context = describeCheck(direction, position, previous.length);
      messages.push(...found.map((problem) => `${context}: ${problem.message}`));
    }
  }
  return { compatible: incompatibilities.length === 0, messages, incompatibilities };
}

function previousToCheck(
  previous: AvroSchemaInput[],
  level: CompatibilityLevel,
): { schema: AvroSchemaInput; position: number }[] {
  const numbered = previous.map((schema, index) => ({ schema, position: index + 1 }));
  return isTransitive(level) ? numbered : numbered.slice(-1);
}

function isTransitive(level: CompatibilityLevel): boolean {
  return level.endsWith('_TRANSITIVE');
}

function directionsOf(level: CompatibilityLevel): Direction[] {
  switch (level) {
    case 'NONE':
      return [];
    case 'BACKWARD':
    case 'BACKWARD_TRANSITIVE':
      return ['backward'];
    case 'FORWARD':
    case 'FORWARD_TRANSITIVE':
      return ['forward'];
    case 'FULL':
    case 'FULL_TRANSITIVE':
      return ['backward', 'forward'];
    default:
      throw new TypeError(`unknown compatibility level ${JSON.stringify(level)}`);
  }
}

function describeCheck(direction: Direction, position: number, total: number): string {
  const which = `previous schema ${position} of ${total}`;
  return direction === 'backward'
    ? `the new schema cannot read data written with ${which}`
    : `${which} cannot read data written with the new schema`;
}
