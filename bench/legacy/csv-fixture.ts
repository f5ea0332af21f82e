import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const BENCH_HEADER =
  'Event ID,Event Date,Round,Vehicle,Crew Task,Level,UPRN,USRN,Address,Service,Container,' +
  'Event Type,Sub Reason,Event Code,Latitude,Longitude,Photo,Notes';

const SERVICES = ['Refuse', 'Recycling', 'Garden', 'Food'];
const EVENT_TYPES = ['Bin not out', 'Contaminated', 'Excess waste', 'Too heavy', 'Damaged bin'];
const SUB_REASONS = ['', 'Food', 'Side waste', '', 'Wheels'];
const CODES = ['BNO', 'CON', 'EXW', 'THV', 'DMG'];
/** About the number of households in a district council such as Adur. */
const PROPERTIES = 30_000;

/**
 * Writes a round-events CSV of `records` rows in the Adur export's layout: a preamble, the
 * header, then property-level events spread over a district's properties and a fortnight of
 * collection days, some with quoted notes holding commas.
 */
export async function writeRoundEventsCsv(path: string, records: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('Bartec Collective - in-cab event export\r\nWorkpack date: 02/11/2026\r\n\r\n');
  out.write(`${BENCH_HEADER}\r\n`);
  const start = Date.UTC(2026, 10, 2, 6, 30);
  let lines: string[] = [];
  for (let index = 0; index < records; index += 1) {
    lines.push(rowOf(index, start));
    if (lines.length === 5_000) {
      if (!out.write(lines.join(''))) await once(out, 'drain');
      lines = [];
    }
  }
  out.write(lines.join(''));
  out.end();
  await once(out, 'finish');
  return out.bytesWritten;
}

function rowOf(index: number, start: number): string {
  const kind = index % 5;
  const property = (index * 7919) % PROPERTIES;
  const service = SERVICES[index % 4];
  const at = new Date(start + (index % 14) * 86_400_000 + (index % 36_000) * 1_000);
  const date =
    `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()} ` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  const uprn = String(100061900000 + property);
  const usrn = String(31700000 + (property % 900));
  const note =
    kind === 1 ? '"Tag left, resident informed"' : kind === 2 ? '3 sacks beside bin' : '';
  return (
    `${9000000 + index},${date},${service.toUpperCase().slice(0, 3)}-MON-${1 + (index % 4)},` +
    `WX71 KRB,Collect ${service.toLowerCase()},Property,${uprn},${usrn},` +
    `"${1 + (property % 120)} Ferry Road, Shoreham-by-Sea",${service},${service.toLowerCase()}-240l,` +
    `${EVENT_TYPES[kind]},${SUB_REASONS[kind]},${CODES[kind]},` +
    `${(50.82 + (property % 300) / 10_000).toFixed(5)},${(-0.27 - (property % 500) / 10_000).toFixed(5)},,` +
    `${note}\r\n`
  );
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `node csv-fixture.js <file> <records>`: the benchmark writes its file in a child process. */
if (require.main === module) {
  const [file, records] = process.argv.slice(2);
  writeRoundEventsCsv(file, Number(records)).then(
    (bytes) => process.stdout.write(`${bytes}\n`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
