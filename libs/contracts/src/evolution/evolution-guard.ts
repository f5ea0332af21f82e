import { join, relative } from 'node:path';
import { checkCompatibility, CompatibilityLevel } from '@joinedup/avro';
import { Catalogue, CatalogueEntry } from '../catalogue/catalogue.types';
import { loadCatalogue } from '../catalogue/load-catalogue';
import { composeEventSchemaFromText, loadEventSchema } from '../schema/load-event-schema';
import { RecordSchemaJson } from '../schema/schema-json.types';
import { GitHistory } from './git-history';

/** One way the working-tree schema cannot follow an earlier committed version. */
export interface EvolutionFailure {
  /** Payload schema file, relative to the repository root. */
  file: string;
  eventType: string;
  subject: string;
  compatibility: CompatibilityLevel;
  commit: string;
  /** Dotted field path in the composed event, e.g. payload.location.postcode. */
  field: string;
  rule: string;
  message: string;
}

export interface EvolutionReport {
  ok: boolean;
  /** One line per schema saying what was compared. */
  notes: string[];
  failures: EvolutionFailure[];
}

interface PreviousVersion {
  commit: string;
  schema: RecordSchemaJson;
}

/**
 * Checks every contract in the working tree against every earlier committed version of it,
 * composed the same way (that commit's envelope plus that commit's payload), under its
 * subject's compatibility level: what the schema registry would do on registration, caught
 * before a deployment tries. Passes, saying so, when there is no history yet.
 */
export function runEvolutionGuard(options: { contractsDir?: string } = {}): EvolutionReport {
  const catalogue = loadCatalogue(options.contractsDir);
  const history = GitHistory.open(catalogue.contractsDir);
  if (history === undefined) {
    return {
      ok: true,
      notes: ['no git history yet: nothing to compare the contracts with'],
      failures: [],
    };
  }

  const notes: string[] = [];
  const failures: EvolutionFailure[] = [];
  for (const entry of catalogue.events) {
    const result = guardEntry(catalogue, entry, history);
    notes.push(result.note);
    failures.push(...result.failures);
  }
  return { ok: failures.length === 0, notes, failures };
}

/** A failure as one line: file, commit, field, rule, then the checker's explanation. */
export function describeEvolutionFailure(failure: EvolutionFailure): string {
  return (
    `${failure.file}: field ${failure.field} breaks ${failure.rule} ` +
    `against commit ${failure.commit.slice(0, 12)} (${failure.compatibility}, subject ${failure.subject}): ` +
    failure.message
  );
}

function guardEntry(
  catalogue: Catalogue,
  entry: CatalogueEntry,
  history: GitHistory,
): { note: string; failures: EvolutionFailure[] } {
  const file = relative(history.root, join(catalogue.contractsDir, entry.schema));
  const previous = previousVersions(catalogue, entry, history);
  if (previous.length === 0)
    return { note: `${file}: new, no earlier version to compare`, failures: [] };

  const candidate = loadEventSchema(catalogue, entry);
  const compared = isTransitive(entry.compatibility) ? previous : previous.slice(-1);
  const failures = compared.flatMap((version) =>
    checkCompatibility(candidate, [version.schema], entry.compatibility).incompatibilities.map(
      (problem): EvolutionFailure => ({
        file,
        eventType: entry.eventType,
        subject: entry.subject,
        compatibility: entry.compatibility,
        commit: version.commit,
        field: fieldPathOf(problem.path),
        rule: problem.rule,
        message: problem.message,
      }),
    ),
  );
  const verdict = failures.length === 0 ? 'compatible with' : 'INCOMPATIBLE with';
  return {
    note: `${file}: ${verdict} ${compared.length} earlier version(s) under ${entry.compatibility}`,
    failures,
  };
}

/** Each distinct committed version of the composed schema, oldest first. */
function previousVersions(
  catalogue: Catalogue,
  entry: CatalogueEntry,
  history: GitHistory,
): PreviousVersion[] {
  const payloadPath = relative(history.root, join(catalogue.contractsDir, entry.schema));
  const envelopePath = relative(history.root, join(catalogue.contractsDir, catalogue.envelope));
  const versions: PreviousVersion[] = [];
  let last = '';

  for (const commit of history.commitsTouching([payloadPath, envelopePath])) {
    const payloadText = history.fileAt(commit, payloadPath);
    const envelopeText = history.fileAt(commit, envelopePath);
    if (payloadText === undefined || envelopeText === undefined) continue;

    const schema = composeEventSchemaFromText(
      { text: envelopeText, file: `${envelopePath} at ${commit}` },
      { text: payloadText, file: `${payloadPath} at ${commit}` },
      catalogue,
      entry,
    );
    const text = JSON.stringify(schema);
    if (text !== last) versions.push({ commit, schema });
    last = text;
  }
  return versions;
}

function isTransitive(level: CompatibilityLevel): boolean {
  return level.endsWith('_TRANSITIVE');
}

/** `/fields/payload/type/fields/uprn` -> `payload.uprn`; the record itself when no field. */
function fieldPathOf(path: string): string {
  const segments = path.split('/');
  const names = segments.flatMap((segment, index) =>
    segments[index - 1] === 'fields' ? [segment] : [],
  );
  return names.length > 0 ? names.join('.') : `(record${path ? ` at ${path}` : ''})`;
}
