import { execFileSync } from 'node:child_process';
import { TempContracts } from '../testing/temp-contracts.fixture';
import { describeEvolutionFailure, runEvolutionGuard } from './evolution-guard';

const reference = { name: 'reference', type: 'string', doc: 'Ref.' };
const optionalNote = { name: 'note', type: ['null', 'string'], default: null, doc: 'Note.' };
const requiredNote = { name: 'note', type: 'string', doc: 'Note.' };
const status = (symbols: string[]) => ({
  name: 'status',
  type: { type: 'enum', name: 'Status', doc: 'S.', symbols, default: 'UNKNOWN' },
  default: 'UNKNOWN',
  doc: 'Status.',
});

describe('runEvolutionGuard', () => {
  let contracts: TempContracts;
  afterEach(() => contracts.remove());

  /** A temp repository whose history holds one commit per version, in order. */
  function repositoryWithHistory(
    versions: object[][],
    compatibility = 'BACKWARD_TRANSITIVE',
  ): string[] {
    contracts = new TempContracts('joinedup-guard-');
    git('init', '-q', '-b', 'main');
    return versions.map((fields, index) => {
      contracts.define([{ eventType: 'ThingHappened', domain: 'waste', fields, compatibility }]);
      git('add', '-A');
      git('commit', '-q', '-m', `version ${index + 1}`);
      return git('rev-parse', 'HEAD').trim();
    });
  }

  function git(...args: string[]): string {
    return execFileSync(
      'git',
      [
        '-c',
        'user.name=Contract Spec',
        '-c',
        'user.email=spec@example.invalid',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { cwd: contracts.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  }

  it('fails on a committed incompatible change, naming the file, commit, field and rule', () => {
    const [first] = repositoryWithHistory([[reference], [reference, requiredNote]]);

    const report = runEvolutionGuard({ contractsDir: contracts.contractsDir });

    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      expect.objectContaining({
        file: 'contracts/waste/ThingHappened.avsc',
        commit: first,
        field: 'payload.note',
        rule: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      }),
    ]);
    const message = describeEvolutionFailure(report.failures[0]);
    expect(message).toContain(
      'contracts/waste/ThingHappened.avsc: field payload.note breaks READER_FIELD_MISSING_DEFAULT_VALUE',
    );
    expect(message).toContain(`against commit ${first.slice(0, 12)} (BACKWARD_TRANSITIVE`);
  });

  it('fails on an incompatible change still in the working tree', () => {
    repositoryWithHistory([[reference]]);
    contracts.writePayload({
      eventType: 'ThingHappened',
      domain: 'waste',
      fields: [reference, requiredNote],
    });

    const report = runEvolutionGuard({ contractsDir: contracts.contractsDir });

    expect(report.failures.map((failure) => [failure.field, failure.rule])).toEqual([
      ['payload.note', 'READER_FIELD_MISSING_DEFAULT_VALUE'],
    ]);
  });

  it('passes a compatible change, saying how many versions it compared', () => {
    repositoryWithHistory([[reference], [reference, optionalNote]]);

    const report = runEvolutionGuard({ contractsDir: contracts.contractsDir });

    expect(report).toEqual({
      ok: true,
      notes: [
        'contracts/waste/ThingHappened.avsc: compatible with 2 earlier version(s) under BACKWARD_TRANSITIVE',
      ],
      failures: [],
    });
  });

  const strictStatus = (symbols: string[]) => ({
    name: 'status',
    type: { type: 'enum', name: 'Status', doc: 'S.', symbols },
    doc: 'Status.',
  });

  it.each<[string, string, string[][], object[][]]>([
    ['BACKWARD_TRANSITIVE', 'removing a field', [], [[reference, requiredNote], [reference]]],
    [
      'FULL_TRANSITIVE',
      'removing a field without a default',
      [['payload.note', 'READER_FIELD_MISSING_DEFAULT_VALUE']],
      [[reference, requiredNote], [reference]],
    ],
    ['FULL_TRANSITIVE', 'adding an optional field', [], [[reference], [reference, optionalNote]]],
    [
      'FULL_TRANSITIVE',
      'adding a symbol to an enum with a default',
      [],
      [[status(['UNKNOWN', 'A'])], [status(['UNKNOWN', 'A', 'B'])]],
    ],
    [
      'BACKWARD_TRANSITIVE',
      'removing a symbol from an enum with a default',
      [],
      [[status(['UNKNOWN', 'A', 'B'])], [status(['UNKNOWN', 'A'])]],
    ],
    [
      'BACKWARD_TRANSITIVE',
      'removing a symbol from an enum without a default',
      [['payload.status', 'MISSING_ENUM_SYMBOLS']],
      [[strictStatus(['A', 'B'])], [strictStatus(['A'])]],
    ],
  ])('under %s, %s gives %j', (level, _change, expected, versions) => {
    repositoryWithHistory(versions, level);

    const report = runEvolutionGuard({ contractsDir: contracts.contractsDir });

    expect(report.failures.map((failure) => [failure.field, failure.rule])).toEqual(expected);
    expect(report.ok).toBe(expected.length === 0);
  });

  it('checks every earlier version under a transitive level, not only the last', () => {
    const retyped = { name: 'note', type: 'int', default: 0, doc: 'Note.' };
    const [first] = repositoryWithHistory([
      [reference, requiredNote],
      [reference],
      [reference, retyped],
    ]);

    const report = runEvolutionGuard({ contractsDir: contracts.contractsDir });

    expect(report.failures.map((failure) => [failure.commit, failure.field, failure.rule])).toEqual(
      [[first, 'payload.note', 'TYPE_MISMATCH']],
    );
  });

  it('compares an envelope change with the history of every event', () => {
    const [first] = repositoryWithHistory([[reference]]);
    const envelopePath = 'envelope/EventEnvelope.avsc';
    const envelope = JSON.parse(
      execFileSync('git', ['show', `${first}:contracts/${envelopePath}`], {
        cwd: contracts.root,
        encoding: 'utf8',
      }),
    );
    envelope.fields.push({
      name: 'tenant',
      type: 'string',
      doc: 'A field added without a default.',
    });
    contracts.write(envelopePath, JSON.stringify(envelope));

    const report = runEvolutionGuard({ contractsDir: contracts.contractsDir });

    expect(report.failures.map((failure) => [failure.field, failure.rule])).toEqual([
      ['tenant', 'READER_FIELD_MISSING_DEFAULT_VALUE'],
    ]);
  });

  it('passes a new contract with no committed version, saying so', () => {
    repositoryWithHistory([[reference]]);
    contracts.define([
      { eventType: 'ThingHappened', domain: 'waste', fields: [reference] },
      { eventType: 'OtherHappened', domain: 'waste', fields: [reference] },
    ]);

    const report = runEvolutionGuard({ contractsDir: contracts.contractsDir });

    expect(report.ok).toBe(true);
    expect(report.notes).toContain(
      'contracts/waste/OtherHappened.avsc: new, no earlier version to compare',
    );
  });

  it.each([
    ['a repository with no commits', () => git('init', '-q', '-b', 'main')],
    ['a directory outside any repository', () => undefined],
  ])('passes in %s, saying there is nothing to compare', (_case, prepare) => {
    contracts = new TempContracts('joinedup-guard-').define([
      { eventType: 'ThingHappened', domain: 'waste', fields: [reference, requiredNote] },
    ]);
    prepare();

    expect(runEvolutionGuard({ contractsDir: contracts.contractsDir })).toEqual({
      ok: true,
      notes: ['no git history yet: nothing to compare the contracts with'],
      failures: [],
    });
  });
});
