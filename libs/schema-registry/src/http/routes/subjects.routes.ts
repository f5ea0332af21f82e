import { SchemaRegistryService } from '../../schema-registry.service';
import { parseSchemaRequest, parseSubject, parseVersion, queryFlag } from '../request-parsing';
import { RawJson, Router } from '../router';

/** Subjects, their versions, registration, look-up and deletion. */
export function addSubjectRoutes(router: Router, registry: SchemaRegistryService): void {
  router
    .add('GET', '/subjects', ({ query }) =>
      registry.listSubjects(queryFlag(query, 'deleted'), query.get('subjectPrefix') ?? ''),
    )
    .add('POST', '/subjects/:subject', async ({ params, query, json }) =>
      registry.lookup(
        parseSubject(params.subject),
        parseSchemaRequest(await json()),
        queryFlag(query, 'deleted'),
      ),
    )
    .add('DELETE', '/subjects/:subject', ({ params, query }) =>
      registry.deleteSubject(parseSubject(params.subject), queryFlag(query, 'permanent')),
    )
    .add('GET', '/subjects/:subject/versions', ({ params, query }) =>
      registry.listVersions(parseSubject(params.subject), queryFlag(query, 'deleted')),
    )
    .add('POST', '/subjects/:subject/versions', async ({ params, json }) =>
      registry.register(parseSubject(params.subject), parseSchemaRequest(await json())),
    )
    .add('GET', '/subjects/:subject/versions/:version', ({ params, query }) =>
      registry.getVersion(
        parseSubject(params.subject),
        parseVersion(params.version),
        queryFlag(query, 'deleted'),
      ),
    )
    .add('GET', '/subjects/:subject/versions/:version/schema', ({ params, query }) => {
      const { schema } = registry.getVersion(
        parseSubject(params.subject),
        parseVersion(params.version),
        queryFlag(query, 'deleted'),
      );
      return new RawJson(schema);
    })
    .add('GET', '/subjects/:subject/versions/:version/referencedby', ({ params }) => {
      registry.getVersion(parseSubject(params.subject), parseVersion(params.version), true);
      return [];
    })
    .add('DELETE', '/subjects/:subject/versions/:version', ({ params, query }) =>
      registry.deleteVersion(
        parseSubject(params.subject),
        parseVersion(params.version),
        queryFlag(query, 'permanent'),
      ),
    );
}
