import { ICustomPartitioner, Partitioners } from 'kafkajs';

/**
 * kafkajs's default partitioner (murmur2 of the key, as the Java client, so events keyed by
 * one UPRN land on the same partition number in every topic), skipping the hash when the
 * topic has a single partition, where the answer is always 0.
 */
export const keyPartitioner: ICustomPartitioner = () => {
  const murmur2 = Partitioners.DefaultPartitioner();
  return (args) => (args.partitionMetadata.length === 1 ? 0 : murmur2(args));
};
