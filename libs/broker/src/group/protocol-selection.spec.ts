import { selectProtocol } from './protocol-selection';

const member = (...names: string[]) => ({
  protocols: names.map((name) => ({ name, metadata: Buffer.alloc(0) })),
});

describe(selectProtocol.name, () => {
  it.each([
    ['one member: its first choice', [member('range', 'roundrobin')], 'range'],
    [
      'the only shared protocol',
      [member('range', 'roundrobin'), member('roundrobin')],
      'roundrobin',
    ],
    [
      'the most voted shared protocol',
      [member('range', 'roundrobin'), member('roundrobin', 'range'), member('roundrobin', 'range')],
      'roundrobin',
    ],
    [
      'a vote that skips protocols others lack',
      [member('sticky', 'range'), member('cooperative', 'range'), member('range')],
      'range',
    ],
    ['a tie: the first member’s preference', [member('a', 'b'), member('b', 'a')], 'a'],
    [
      'kafkajs with librdkafka: none',
      [member('RoundRobinAssigner'), member('range', 'roundrobin')],
      null,
    ],
    ['no members: none', [], null],
  ])('chooses %s', (_case, members, expected) => {
    expect(selectProtocol(members)).toBe(expected);
  });
});
