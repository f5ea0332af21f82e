import { OrderedBatchSender, TopicBatch } from './ordered-batch-sender';

describe(OrderedBatchSender.name, () => {
  it('sends one request at a time, merging what queued meanwhile, in call order', async () => {
    const requests: Array<Array<TopicBatch<number>>> = [];
    let release: () => void = () => undefined;
    const sut = new OrderedBatchSender<number>(async (batches) => {
      requests.push(batches);
      await new Promise<void>((resolve) => (release = resolve));
    });

    const first = sut.enqueue([{ topic: 'a', messages: [1, 2] }]);
    const second = sut.enqueue([
      { topic: 'a', messages: [3] },
      { topic: 'b', messages: [10] },
    ]);
    const third = sut.enqueue([
      { topic: 'b', messages: [11] },
      { topic: 'a', messages: [4] },
    ]);
    expect(requests).toHaveLength(1);
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests).toEqual([
      [{ topic: 'a', messages: [1, 2] }],
      [
        { topic: 'a', messages: [3, 4] },
        { topic: 'b', messages: [10, 11] },
      ],
    ]);
    release();
    await Promise.all([second, third]);
  });

  it('merges no more than its message limit into one request', async () => {
    const sizes: number[] = [];
    let release: () => void = () => undefined;
    const sut = new OrderedBatchSender<number>(async (batches) => {
      sizes.push(batches.reduce((sum, batch) => sum + batch.messages.length, 0));
      await new Promise<void>((resolve) => (release = resolve));
    }, 5);
    const sends = [3, 2, 2, 4, 6].map((size) =>
      sut.enqueue([{ topic: 'a', messages: Array.from({ length: size }, (_, i) => i) }]),
    );
    for (let round = 0; round < 4; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      release();
    }
    await Promise.all(sends);
    expect(sizes).toEqual([3, 4, 4, 6]);
  });

  it('fails every batch of a failed request, and sends the next ones afresh', async () => {
    let fail = true;
    const sut = new OrderedBatchSender<number>(async () => {
      if (fail) throw new Error('broker down');
    });
    await expect(sut.enqueue([{ topic: 'a', messages: [1] }])).rejects.toThrow('broker down');
    fail = false;
    await expect(sut.enqueue([{ topic: 'a', messages: [2] }])).resolves.toBeUndefined();
  });
});
