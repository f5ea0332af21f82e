import { SchemaRegistryService } from '../../schema-registry.service';
import { parseSchemaId, queryFlag } from '../request-parsing';
import { RawJson, Router } from '../router';

/** Only Avro is served (see request-parsing: other types get 42201). */
const SCHEMA_TYPES = ['AVRO'];

/** Schemas by global id: what a deserialiser asks for, the hottest path of the registry. */
export function addSchemaRoutes(router: Router, registry: SchemaRegistryService): void {
  router
    .add('GET', '/schemas/types', () => SCHEMA_TYPES)
    .add('GET', '/schemas/ids/:id', ({ params }) =>
      registry.getSchemaById(parseSchemaId(params.id)),
    )
    .add('GET', '/schemas/ids/:id/schema', ({ params }) => {
      return new RawJson(registry.getSchemaById(parseSchemaId(params.id)).schema);
    })
    .add('GET', '/schemas/ids/:id/versions', ({ params, query }) =>
      registry.versionsOfId(parseSchemaId(params.id), queryFlag(query, 'deleted')),
    )
    .add('GET', '/schemas/ids/:id/subjects', ({ params, query }) => {
      const versions = registry.versionsOfId(parseSchemaId(params.id), queryFlag(query, 'deleted'));
      return [...new Set(versions.map((v) => v.subject))];
    });
}
