import { LegacyWasteError } from '../errors/legacy-waste.error';
import { ContractSet } from '../mapping/contract-set';
import { FeedMapper } from '../mapping/feed-mapper';
import { SubjectKeyCache } from '../mapping/subject-key.cache';
import { CouncilConfig } from './council-config.types';
import { loadCouncilConfigs } from './council-config.loader';

/**
 * The councils Joined-up takes legacy files from, and a FeedMapper for each of their feeds,
 * built once. The pseudonymisation key is the council's secret (JOINEDUP_PSEUDONYM_KEY).
 */
export class CouncilRegistry {
  private readonly councils: ReadonlyMap<string, CouncilConfig>;
  private readonly mappers = new Map<string, FeedMapper>();
  private readonly subjectKeys: SubjectKeyCache;

  constructor(
    councils: readonly CouncilConfig[],
    pseudonymKey: Buffer,
    readonly contracts: ContractSet = new ContractSet(),
  ) {
    this.subjectKeys = new SubjectKeyCache(pseudonymKey);
    this.councils = new Map(councils.map((council) => [council.id, council]));
  }

  /** Loads every council under `<councilsDir>/<id>/council.json`. */
  static load(councilsDir: string, pseudonymKey: Buffer, contracts = new ContractSet()) {
    return new CouncilRegistry(loadCouncilConfigs(councilsDir, contracts), pseudonymKey, contracts);
  }

  list(): CouncilConfig[] {
    return [...this.councils.values()];
  }

  council(id: string): CouncilConfig {
    const council = this.councils.get(id);
    if (council !== undefined) return council;
    const known = [...this.councils.keys()].join(', ') || 'none';
    throw new LegacyWasteError(
      'UNKNOWN_FEED',
      `no council ${JSON.stringify(id)} is configured: the configured councils are ${known}`,
      { council: id },
    );
  }

  mapper(councilId: string, feedName: string): FeedMapper {
    const key = `${councilId}/${feedName}`;
    let mapper = this.mappers.get(key);
    if (mapper !== undefined) return mapper;
    const council = this.council(councilId);
    const feed = council.feeds.get(feedName);
    if (feed === undefined) {
      const known = [...council.feeds.keys()].join(', ');
      throw new LegacyWasteError(
        'UNKNOWN_FEED',
        `council ${councilId} has no feed ${JSON.stringify(feedName)}: its feeds are ${known}`,
        { council: councilId, feed: feedName },
      );
    }
    mapper = new FeedMapper(council, feed, this.contracts, this.subjectKeys);
    this.mappers.set(key, mapper);
    return mapper;
  }
}
