import { loadConfig } from '@joinedup/config';
import {
  EVENT_ROUTES,
  findCatalogueEntry,
  loadCatalogue,
  loadEventType,
  pseudonymise,
  VehicleEnquiryRequested,
} from '@joinedup/contracts';
import {
  DvlaEventMappingError,
  toVehicleEnquiryRequested,
  VehicleEnquiryHandler,
} from '@joinedup/dvla';
import { setLogLevel } from '@joinedup/logging';
import { RunningHub, startHub } from '../../apps/hub/src/hub';
import { hubSettings } from '../../apps/hub/src/hub-settings';
import { makeTempDir, removeDir } from '../support/temp-dir';
import { COUNCIL, DvlaHarness, TEST_PSEUDONYM_KEY } from './support/dvla-harness';
import { KafkaEventSink, readEvents } from './support/kafka-event-sink';

jest.setTimeout(60_000);
setLogLevel('error');

const catalogue = loadCatalogue();
const TOPIC = EVENT_ROUTES.VehicleDetailsRetrieved.topic;

function request(registrationNumber: string, correlationId: string): VehicleEnquiryRequested {
  return toVehicleEnquiryRequested(registrationNumber, {
    council: COUNCIL,
    correlationId,
    pseudonymKey: TEST_PSEUDONYM_KEY,
    sourceSystem: 'joinedup-abandoned-vehicles',
  });
}

describe('VehicleEnquiryHandler: requests in, DVLA answers out on the broker as contract events', () => {
  const dvla = new DvlaHarness();
  const dataDir = makeTempDir('dvla-events');
  let hub: RunningHub;
  let sink: KafkaEventSink;
  let handler: VehicleEnquiryHandler;

  beforeAll(async () => {
    await dvla.start();
    hub = await startHub(
      loadConfig(hubSettings, {
        env: {},
        argv: [
          '--broker-port=0',
          `--broker-data-dir=${dataDir}`,
          '--registry-port=0',
          '--dvla-sandbox=false',
        ],
      }),
      {},
    );
    sink = new KafkaEventSink(catalogue, hub.kafka, hub.registryUrl);
    await sink.connect();
    handler = new VehicleEnquiryHandler(dvla.client(), sink, { pseudonymKey: TEST_PSEUDONYM_KEY });
  });

  afterAll(async () => {
    await sink?.disconnect();
    await hub?.close();
    await dvla.stop();
    removeDir(dataDir);
  });

  it('makes a request event that carries the registration and nothing else, valid in Avro', () => {
    const event = request('lc19 dvl', 'corr-av-1');
    const type = loadEventType(catalogue, findCatalogueEntry(catalogue, 'VehicleEnquiryRequested'));

    expect(event.payload).toEqual({ registrationNumber: 'LC19DVL' });
    expect(event).toMatchObject({
      eventType: 'VehicleEnquiryRequested',
      sourceSystem: 'joinedup-abandoned-vehicles',
      subjectKey: pseudonymise('LC19DVL', TEST_PSEUDONYM_KEY),
      classification: 'OFFICIAL',
      causationId: null,
    });
    expect(type.isValid(event)).toBe(true);
  });

  it('publishes details retrieved and enquiry failed, caused by their requests, keyed by the pseudonym', async () => {
    const found = request('LC19DVL', 'corr-av-found');
    const missing = request('ER19NFD', 'corr-av-missing');

    const answers = [await handler.handle(found), await handler.handle(missing)];
    const records = await readEvents(hub.kafka, hub.registryUrl, TOPIC, 2);

    expect(records.map((record) => record.event.eventId)).toEqual(
      answers.map((answer) => answer.eventId),
    );
    const [details, failed] = records;
    expect(details.key).toBe(pseudonymise('LC19DVL', TEST_PSEUDONYM_KEY));
    expect(details.headers).toEqual({
      eventType: 'VehicleDetailsRetrieved',
      eventId: answers[0].eventId,
    });
    expect(details.event).toMatchObject({
      eventType: 'VehicleDetailsRetrieved',
      sourceSystem: 'dvla-ves',
      council: COUNCIL,
      correlationId: 'corr-av-found',
      causationId: found.eventId,
      subjectKey: found.subjectKey,
      payload: {
        registrationNumber: 'LC19DVL',
        taxStatus: 'UNTAXED',
        motStatus: 'VALID',
        make: 'FORD',
      },
    });
    expect(failed.key).toBe(missing.subjectKey);
    expect(failed.event).toMatchObject({
      eventType: 'VehicleEnquiryFailed',
      correlationId: 'corr-av-missing',
      causationId: missing.eventId,
      payload: {
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
      },
    });
    expect(dvla.sandbox.requests().map((call) => call.correlationId)).toEqual([
      'corr-av-found',
      'corr-av-missing',
    ]);
    expect(
      dvla.sandbox.requests().every((call) => call.fields.join() === 'registrationNumber'),
    ).toBe(true);
  });

  it('refuses a request whose registration is invalid: no call to DVLA, nothing published', async () => {
    const published: unknown[] = [];
    const counting = new VehicleEnquiryHandler(
      dvla.client(),
      { publish: async (events) => void published.push(...events) },
      { pseudonymKey: TEST_PSEUDONYM_KEY },
    );
    const valid = request('LC19DVL', 'corr-av-bad');
    const invalid = { ...valid, payload: { registrationNumber: 'AB50ABC' } };
    const before = dvla.sandbox.requestCount();

    await expect(counting.handle(invalid)).rejects.toThrow(DvlaEventMappingError);
    expect(published).toEqual([]);
    expect(dvla.sandbox.requestCount()).toBe(before);
  });
});
