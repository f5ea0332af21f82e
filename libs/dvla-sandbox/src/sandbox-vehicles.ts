import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A vehicle as the Vehicle Enquiry Service answers, with dates possibly relative. */
export type SandboxVehicle = Readonly<Record<string, unknown>> & { registrationNumber: string };

export const VEHICLES_FILE_ENV = 'JOINEDUP_DVLA_SANDBOX_VEHICLES';
const FIXTURE = join('examples', 'dvla', 'vehicles.json');

/**
 * `today`, `today+1y`, `today-6m`, `today+30d`: dates relative to the day of the answer, as
 * DVLA's own test data has them ("1 year from now"), so a taxed vehicle stays taxed and an
 * expired MOT stays expired whenever the sandbox runs.
 */
const RELATIVE_DATE = /^today(?:([+-])(\d+)([dmy]))?$/;

/**
 * The fixture file: `examples/dvla/vehicles.json` above this file (from the sources or the
 * compiled dist/ tree), unless JOINEDUP_DVLA_SANDBOX_VEHICLES names another.
 */
export function defaultVehiclesFile(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[VEHICLES_FILE_ENV];
  if (fromEnv) return fromEnv;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, FIXTURE))) return join(dir, FIXTURE);
  }
  throw new Error(`no ${FIXTURE} found above ${__dirname}; set ${VEHICLES_FILE_ENV}`);
}

/** Reads `{ vehicles: [...] }`, checking each has a unique registrationNumber. */
export function loadSandboxVehicles(file: string = defaultVehiclesFile()): SandboxVehicle[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { vehicles?: unknown };
  if (!Array.isArray(parsed.vehicles)) {
    throw new Error(`${file}: expected an object with a "vehicles" array`);
  }
  const seen = new Set<string>();
  return parsed.vehicles.map((vehicle: unknown, index: number) => {
    const registration = (vehicle as { registrationNumber?: unknown } | null)?.registrationNumber;
    if (typeof registration !== 'string' || registration.length === 0) {
      throw new Error(`${file}: vehicles[${index}].registrationNumber: expected a registration`);
    }
    if (seen.has(registration)) {
      throw new Error(`${file}: vehicles[${index}]: ${registration} is listed twice`);
    }
    seen.add(registration);
    return vehicle as SandboxVehicle;
  });
}

/** The vehicle as DVLA would answer on `today`: relative dates made absolute. */
export function resolveVehicle(vehicle: SandboxVehicle, today: Date): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(vehicle)) {
    answer[field] = typeof value === 'string' ? resolveDate(value, today) : value;
  }
  return answer;
}

export function resolveDate(value: string, today: Date): string {
  const match = RELATIVE_DATE.exec(value);
  if (match === null) return value;
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const [, sign, amount, unit] = match;
  if (sign !== undefined) {
    const n = Number(amount) * (sign === '-' ? -1 : 1);
    if (unit === 'd') date.setUTCDate(date.getUTCDate() + n);
    if (unit === 'm') date.setUTCMonth(date.getUTCMonth() + n);
    if (unit === 'y') date.setUTCFullYear(date.getUTCFullYear() + n);
  }
  return date.toISOString().slice(0, 10);
}
