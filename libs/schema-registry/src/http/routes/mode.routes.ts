import { SchemaRegistryService } from '../../schema-registry.service';
import { parseModeUpdate, parseSubject, queryFlag } from '../request-parsing';
import { Router } from '../router';

/** READWRITE, READONLY and IMPORT, global and per subject. */
export function addModeRoutes(router: Router, registry: SchemaRegistryService): void {
  router
    .add('GET', '/mode', () => ({ mode: registry.globalMode() }))
    .add('PUT', '/mode', async ({ query, json }) => {
      const mode = parseModeUpdate(await json());
      await registry.setMode(null, mode, queryFlag(query, 'force'));
      return { mode };
    })
    .add('DELETE', '/mode', async () => ({ mode: await registry.deleteMode(null) }))
    .add('GET', '/mode/:subject', ({ params, query }) => ({
      mode: registry.subjectMode(parseSubject(params.subject), queryFlag(query, 'defaultToGlobal')),
    }))
    .add('PUT', '/mode/:subject', async ({ params, query, json }) => {
      const subject = parseSubject(params.subject);
      const mode = parseModeUpdate(await json());
      await registry.setMode(subject, mode, queryFlag(query, 'force'));
      return { mode };
    })
    .add('DELETE', '/mode/:subject', async ({ params }) => ({
      mode: await registry.deleteMode(parseSubject(params.subject)),
    }));
}
