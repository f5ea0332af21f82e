import { SchemaRegistryService } from '../../schema-registry.service';
import { parseSchemaRequest, parseSubject, parseVersion, queryFlag } from '../request-parsing';
import { Router } from '../router';

/**
 * Tests a schema without registering it: against one version (`.../versions/{version}`,
 * `latest` included) or against every live version under the subject's level (`.../versions`).
 */
export function addCompatibilityRoutes(router: Router, registry: SchemaRegistryService): void {
  router
    .add(
      'POST',
      '/compatibility/subjects/:subject/versions/:version',
      async ({ params, query, json }) => {
        const subject = parseSubject(params.subject);
        const version = parseVersion(params.version);
        const request = parseSchemaRequest(await json());
        return registry.testCompatibility(subject, version, request, queryFlag(query, 'verbose'));
      },
    )
    .add('POST', '/compatibility/subjects/:subject/versions', async ({ params, query, json }) => {
      const subject = parseSubject(params.subject);
      const request = parseSchemaRequest(await json());
      return registry.testCompatibility(subject, undefined, request, queryFlag(query, 'verbose'));
    });
}
