import {
  findCatalogueEntry,
  loadCatalogue,
  loadEventType,
  pseudonymise,
  validateRegistrationMark,
} from '@joinedup/contracts';
import {
  VehicleEnquiryClient,
  VehicleEnquiryFailure,
  VehicleEnquiryResult,
  VehicleFound,
  toVehicleDetailsRetrieved,
  toVehicleEnquiryAnswer,
  toVehicleEnquiryFailed,
} from '@joinedup/dvla';
import { loadSandboxVehicles } from '@joinedup/dvla-sandbox';
import { setLogLevel } from '@joinedup/logging';
import { COUNCIL, DvlaHarness, TEST_PSEUDONYM_KEY } from './support/dvla-harness';

jest.setTimeout(30_000);
setLogLevel('error');

const catalogue = loadCatalogue();
const eventContext = {
  council: COUNCIL,
  correlationId: 'corr-av-test',
  causationId: '4a1c0000-0000-4000-8000-000000000009',
  pseudonymKey: TEST_PSEUDONYM_KEY,
};

/** Avro paths that fail the event's composed schema; empty when the event is valid. */
function schemaProblems(event: { eventType: string }): string[] {
  const type = loadEventType(catalogue, findCatalogueEntry(catalogue, event.eventType));
  const problems: string[] = [];
  type.isValid(event, { errorHook: (path) => problems.push(path.join('.') || '(root)') });
  return problems;
}

function expectFailure(result: VehicleEnquiryResult): VehicleEnquiryFailure {
  expect(result.outcome).toBe('failed');
  return result as VehicleEnquiryFailure;
}

describe('VehicleEnquiryClient against the DVLA sandbox over HTTP', () => {
  const harness = new DvlaHarness();
  let client: VehicleEnquiryClient;

  beforeAll(async () => {
    await harness.start();
  });

  afterAll(async () => {
    await harness.stop();
  });

  beforeEach(() => {
    harness.sandbox.reset();
    client = harness.client();
  });

  describe('every fixture vehicle', () => {
    const vehicles = loadSandboxVehicles();

    it('is a set of at least 20 vehicles with valid, distinct registrations', () => {
      expect(vehicles.length).toBeGreaterThanOrEqual(20);
      for (const vehicle of vehicles) {
        expect(validateRegistrationMark(vehicle.registrationNumber)).toBe(
          vehicle.registrationNumber,
        );
      }
    });

    it.each(vehicles.map((vehicle) => [vehicle.registrationNumber]))(
      '%s is found and maps to a VehicleDetailsRetrieved valid against its Avro schema',
      async (registrationNumber) => {
        const result = await client.enquire({ registrationNumber, council: COUNCIL });

        expect(result).toMatchObject({ outcome: 'found', registrationNumber, attempts: 1 });
        const event = toVehicleDetailsRetrieved(result as VehicleFound, eventContext);
        expect(schemaProblems(event)).toEqual([]);
        expect(event).toMatchObject({
          eventType: 'VehicleDetailsRetrieved',
          sourceSystem: 'dvla-ves',
          classification: 'OFFICIAL',
          subjectKey: pseudonymise(registrationNumber, TEST_PSEUDONYM_KEY),
          causationId: eventContext.causationId,
        });
      },
    );
  });

  it.each([
    ['BD51SMR', { taxStatus: 'UNTAXED', motStatus: 'NOT_VALID' }],
    ['YK08FHM', { taxStatus: 'SORN', motStatus: 'NOT_VALID', taxDueDate: null }],
    ['WN67DSO', { taxStatus: 'TAXED', motStatus: 'VALID' }],
    ['JKW217M', { taxStatus: 'NOT_TAXED_FOR_ON_ROAD_USE', motStatus: 'NO_DETAILS_HELD_BY_DVLA' }],
    ['KX23NRR', { motStatus: 'NO_RESULTS_RETURNED' }],
    ['EV21ZAP', { co2Emissions: 0, engineCapacity: null, fuelType: 'ELECTRICITY' }],
    ['GU15XPT', { markedForExport: true }],
    ['WU18VAN', { revenueWeight: 3500, typeApproval: 'N1' }],
  ])('maps %s to the contract symbols', async (registrationNumber, expected) => {
    const result = (await client.enquire({ registrationNumber, council: COUNCIL })) as VehicleFound;
    expect(result.vehicle).toMatchObject({ ...expected, otherFields: {} });
  });

  it('keeps a status text and fields DVLA added later in otherFields, with UNKNOWN as the symbol', async () => {
    const result = (await client.enquire({
      registrationNumber: 'HN70FUT',
      council: COUNCIL,
    })) as VehicleFound;
    expect(result.vehicle.taxStatus).toBe('UNKNOWN');
    expect(result.vehicle.otherFields).toEqual({
      taxStatus: 'Taxed - Exempt',
      vehicleClass: 'CAR',
      exportDetails: '{"marked":false}',
    });
  });

  it('resolves relative fixture dates to the day of the answer', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const result = (await client.enquire({
      registrationNumber: 'BD51SMR',
      council: COUNCIL,
    })) as VehicleFound;
    expect(result.vehicle.motExpiryDate! < today).toBe(true);
    expect(result.vehicle.taxDueDate! < today).toBe(true);
  });

  describe("DVLA's test registrations", () => {
    it('ER19BAD: DVLA refuses the format with 400, which fails at once and is not retried', async () => {
      const failure = expectFailure(
        await client.enquire({ registrationNumber: 'ER19BAD', council: COUNCIL }),
      );

      expect(failure).toMatchObject({ httpStatus: 400, retriable: false, attempts: 1 });
      expect(failure.error).toMatchObject({ code: 'DVLA_REQUEST_REJECTED', retriable: false });
      expect(failure.errors).toEqual([
        {
          status: 400,
          code: 'ENQ103',
          title: 'Bad Request',
          detail: 'Invalid format for field - vehicle registration number',
        },
      ]);
      expect(harness.sandbox.requestCount('ER19BAD')).toBe(1);
    });

    it('ER19NFD: 404 is a not-found answer, not a failure, and is asked once', async () => {
      const result = await client.enquire({ registrationNumber: 'ER19NFD', council: COUNCIL });

      expect(result).toMatchObject({ outcome: 'not-found', httpStatus: 404, attempts: 1 });
      expect(harness.sandbox.requestCount('ER19NFD')).toBe(1);
      const event = toVehicleEnquiryAnswer(result, eventContext);
      expect(event.eventType).toBe('VehicleEnquiryFailed');
      expect(event.payload).toEqual({
        registrationNumber: 'ER19NFD',
        httpStatus: 404,
        retriable: false,
        errors: [
          {
            status: 404,
            code: '404',
            title: 'Vehicle Not Found',
            detail: 'Record for vehicle not found',
          },
        ],
      });
      expect(schemaProblems(event)).toEqual([]);
    });

    it.each([
      ['ER19THR', 429, 'Too Many Requests'],
      ['ER19ERR', 500, 'Internal Server Error'],
      ['ER19MNT', 503, 'System currently down for maintenance'],
    ])(
      '%s: %i is retried up to the limit, then fails as retriable with that status',
      async (registrationNumber, status, title) => {
        const failure = expectFailure(
          await client.enquire({ registrationNumber, council: COUNCIL }),
        );

        expect(failure).toMatchObject({ httpStatus: status, retriable: true, attempts: 3 });
        expect(failure.error).toMatchObject({
          code: 'DVLA_UNAVAILABLE',
          retriable: true,
          httpStatus: status,
        });
        expect(failure.errors).toEqual([expect.objectContaining({ status, title })]);
        expect(harness.sandbox.requestCount(registrationNumber)).toBe(3);
        const event = toVehicleEnquiryFailed(failure, eventContext);
        expect(event.payload).toMatchObject({
          registrationNumber,
          httpStatus: status,
          retriable: true,
        });
        expect(schemaProblems(event)).toEqual([]);
      },
    );
  });
});
