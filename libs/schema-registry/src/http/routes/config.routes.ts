import { SchemaRegistryService } from '../../schema-registry.service';
import { parseCompatibilityUpdate, parseSubject, queryFlag } from '../request-parsing';
import { Router } from '../router';

/**
 * Compatibility levels, global and per subject. Confluent answers a GET with
 * `compatibilityLevel` and a PUT with `compatibility`; clients rely on both spellings.
 */
export function addConfigRoutes(router: Router, registry: SchemaRegistryService): void {
  router
    .add('GET', '/config', () => ({ compatibilityLevel: registry.globalCompatibility() }))
    .add('PUT', '/config', async ({ json }) => {
      const compatibility = parseCompatibilityUpdate(await json());
      await registry.setCompatibility(null, compatibility);
      return { compatibility };
    })
    .add('DELETE', '/config', async () => ({
      compatibilityLevel: await registry.deleteCompatibility(null),
    }))
    .add('GET', '/config/:subject', ({ params, query }) => ({
      compatibilityLevel: registry.subjectCompatibility(
        parseSubject(params.subject),
        queryFlag(query, 'defaultToGlobal'),
      ),
    }))
    .add('PUT', '/config/:subject', async ({ params, json }) => {
      const subject = parseSubject(params.subject);
      const compatibility = parseCompatibilityUpdate(await json());
      await registry.setCompatibility(subject, compatibility);
      return { compatibility };
    })
    .add('DELETE', '/config/:subject', async ({ params }) => ({
      compatibilityLevel: await registry.deleteCompatibility(parseSubject(params.subject)),
    }));
}
