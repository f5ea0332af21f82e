import { BartecXmlRecordParser } from '../bartec/bartec-xml-record.parser';
import { CsvRecordParser } from '../csv/csv-record.parser';
import { FixedWidthRecordParser } from '../fixed-width/fixed-width-record.parser';
import { FeedMapper } from '../mapping/feed-mapper';
import { SourceParser } from './source-record';

/** The parser for a feed's format, told which source fields its mapping reads. */
export function createSourceParser(mapper: FeedMapper): SourceParser {
  const feed = mapper.feed;
  switch (feed.format) {
    case 'csv':
      return new CsvRecordParser(feed, mapper.requiredSourceFields);
    case 'fixed-width':
      return new FixedWidthRecordParser(feed);
    case 'bartec-xml':
      return new BartecXmlRecordParser(feed, mapper.sourceFields);
  }
}
