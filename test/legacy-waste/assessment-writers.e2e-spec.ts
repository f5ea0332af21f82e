import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'iconv-lite';
import { AbandonedVehicleAssessed } from '@joinedup/contracts';
import {
  ASSESSMENT_CSV_HEADER,
  BartecSoapAssessmentWriter,
  CsvFileAssessmentWriter,
  LegacyWasteError,
} from '@joinedup/legacy-waste';
import { setLogLevel } from '@joinedup/logging';
import { makeTempDir, removeDir } from '../support/temp-dir';

setLogLevel('error');

const ASSESSMENT: AbandonedVehicleAssessed = {
  eventId: '0f6c1c52-3c1d-4f4e-9a55-7f1f9d7c2b10',
  eventType: 'AbandonedVehicleAssessed',
  occurredAt: new Date('2026-11-03T10:15:00Z'),
  recordedAt: new Date('2026-11-03T10:15:01Z'),
  sourceSystem: 'joinedup-router',
  council: 'E07000223',
  correlationId: 'SR00778104',
  causationId: null,
  subjectKey: 'a'.repeat(64),
  classification: 'OFFICIAL',
  payload: {
    caseReference: 'SR00778104',
    registrationMark: 'AB12CDE',
    outcome: 'REMOVAL_CANDIDATE',
    reasonCodes: ['UNTAXED', 'NO_VALID_MOT'],
    reason: 'Untaxed since 2026-05-01, MOT expired; "abandoned" & <unsafe> text escaped',
    referredTo: null,
  },
};

const CREATED = (code: string) => `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">
  <soap:Body>
    <ServiceRequests_CreateResponse xmlns="http://bartec-systems.com/">
      <ServiceRequests_CreateResult>
        <Errors><Error><Result>0</Result><Message /></Error></Errors>
        <ServiceCode>${code}</ServiceCode>
      </ServiceRequests_CreateResult>
    </ServiceRequests_CreateResponse>
  </soap:Body>
</soap:Envelope>`;

const REFUSED = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">
  <soap:Body>
    <ServiceRequests_CreateResponse xmlns="http://bartec-systems.com/">
      <ServiceRequests_CreateResult>
        <Errors><Error><Result>12</Result><Message>ServiceStatusID 99 is not valid for ServiceTypeID 2604</Message></Error></Errors>
      </ServiceRequests_CreateResult>
    </ServiceRequests_CreateResponse>
  </soap:Body>
</soap:Envelope>`;

interface Received {
  contentType: string | undefined;
  body: string;
}

/** A Bartec-like endpoint on 127.0.0.1:0 answering from a script, one answer per call. */
class FakeBartec {
  readonly received: Received[] = [];
  private server!: Server;

  constructor(
    private readonly answers: Array<{ status: number; body: string; delayMs?: number }>,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/CollectiveAPI.asmx`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    this.received.push({ contentType: req.headers['content-type'], body });
    const answer = this.answers[Math.min(this.received.length - 1, this.answers.length - 1)];
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    res.writeHead(answer.status, { 'Content-Type': 'application/soap+xml; charset=utf-8' });
    res.end(answer.body);
  }
}

describe(BartecSoapAssessmentWriter.name, () => {
  let bartec: FakeBartec;

  afterEach(() => bartec.close());

  async function writer(answers: FakeBartec['answers'], timeoutMs = 2000) {
    bartec = new FakeBartec(answers);
    const endpoint = await bartec.start();
    return new BartecSoapAssessmentWriter({
      endpoint,
      token: 'session-token',
      serviceTypeId: '2604',
      statusIds: {
        UNDETERMINED: '3210',
        REMOVAL_CANDIDATE: '3211',
        NO_ACTION: '3212',
        REFERRED: '3213',
      },
      timeoutMs,
      retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 20 },
    });
  }

  it('creates a service request with the assessment and returns its ServiceCode', async () => {
    const sut = await writer([{ status: 200, body: CREATED('SR00991001') }]);
    const receipt = await sut.write(ASSESSMENT);

    expect(receipt).toEqual({ reference: 'SR00991001', attempts: 1, duplicate: false });
    expect(bartec.received).toHaveLength(1);
    const [call] = bartec.received;
    expect(call.contentType).toBe(
      'application/soap+xml; charset=utf-8; action="http://bartec-systems.com/ServiceRequests_Create"',
    );
    expect(call.body).toContain(
      '<soap12:Envelope xmlns:soap12="http://www.w3.org/2003/05/soap-envelope">',
    );
    expect(call.body).toContain('<ServiceRequests_Create xmlns="http://bartec-systems.com/">');
    for (const element of [
      '<token>session-token</token>',
      '<ServiceTypeID>2604</ServiceTypeID>',
      '<ServiceStatusID>3211</ServiceStatusID>',
      '<ExternalReference>SR00778104</ExternalReference>',
      '<DateRequested>2026-11-03T10:15:00.000Z</DateRequested>',
      '<FieldValue>UNTAXED;NO_VALID_MOT</FieldValue>',
      '<FieldValue>Untaxed since 2026-05-01, MOT expired; &quot;abandoned&quot; &amp; &lt;unsafe&gt; text escaped</FieldValue>',
      `<FieldValue>${ASSESSMENT.eventId}</FieldValue>`,
    ]) {
      expect(call.body).toContain(element);
    }
    expect(call.body).not.toContain('REFERRED_TO');
  });

  it('retries after a 503 and succeeds on the next attempt', async () => {
    const sut = await writer([
      { status: 503, body: 'Service Unavailable' },
      { status: 200, body: CREATED('SR00991002') },
    ]);
    await expect(sut.write(ASSESSMENT)).resolves.toEqual({
      reference: 'SR00991002',
      attempts: 2,
      duplicate: false,
    });
    expect(bartec.received).toHaveLength(2);
    expect(bartec.received[1].body).toBe(bartec.received[0].body);
  });

  it('retries an answer that does not come in time', async () => {
    const sut = await writer(
      [
        { status: 200, body: CREATED('late'), delayMs: 500 },
        { status: 200, body: CREATED('SR00991003') },
      ],
      200,
    );
    await expect(sut.write(ASSESSMENT)).resolves.toMatchObject({
      reference: 'SR00991003',
      attempts: 2,
    });
  });

  it('does not retry an Errors.Error answer, and names the error', async () => {
    const sut = await writer([{ status: 200, body: REFUSED }]);
    const failure = await sut.write(ASSESSMENT).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(LegacyWasteError);
    expect(failure).toMatchObject({ code: 'LEGACY_REJECTED', retriable: false });
    expect((failure as Error).message).toContain(
      'ServiceStatusID 99 is not valid for ServiceTypeID 2604 (Result 12)',
    );
    expect(bartec.received).toHaveLength(1);
  });

  it('does not retry a 400', async () => {
    const sut = await writer([{ status: 400, body: 'Bad Request' }]);
    await expect(sut.write(ASSESSMENT)).rejects.toMatchObject({ code: 'LEGACY_REJECTED' });
    expect(bartec.received).toHaveLength(1);
  });

  it('gives up after the last attempt with a retriable error the caller can dead-letter', async () => {
    const sut = await writer([{ status: 500, body: 'Internal Server Error' }]);
    const failure = await sut.write(ASSESSMENT).catch((err: unknown) => err);

    expect(failure).toMatchObject({
      code: 'LEGACY_UNAVAILABLE',
      retriable: true,
      context: { attempts: 3, status: 500 },
    });
    expect((failure as Error).message).toContain('after 3 attempts: Bartec answered 500: HTTP 500');
    expect(bartec.received).toHaveLength(3);
  });
});

describe(CsvFileAssessmentWriter.name, () => {
  let outbox: string;

  beforeEach(() => {
    outbox = makeTempDir('assessment-outbox');
  });

  afterEach(() => removeDir(outbox));

  it('appends each assessment to the day file, with one header, and skips a repeated event', async () => {
    const sut = new CsvFileAssessmentWriter({
      outboxDir: outbox,
      now: () => new Date('2026-11-03T23:30:00Z'),
    });
    const second = {
      ...ASSESSMENT,
      eventId: '5b8e0a4e-8d0c-4a58-9d0e-2f4c1b7a6e11',
      payload: {
        ...ASSESSMENT.payload,
        caseReference: 'SR00778105',
        registrationMark: null,
        outcome: 'REFERRED' as const,
        reasonCodes: ['NO_REGISTRATION_MARK' as const],
        reason: 'No plates, burnt out',
        referredTo: 'Sussex Police',
      },
    };

    expect(await sut.write(ASSESSMENT)).toEqual({
      reference: 'abandoned-vehicle-assessments-2026-11-03.csv',
      attempts: 1,
      duplicate: false,
    });
    await sut.write(second);
    expect(await sut.write(ASSESSMENT)).toMatchObject({ duplicate: true });

    expect(readdirSync(outbox)).toEqual(['abandoned-vehicle-assessments-2026-11-03.csv']);
    const lines = readFileSync(
      join(outbox, 'abandoned-vehicle-assessments-2026-11-03.csv'),
      'utf8',
    ).split('\r\n');
    expect(lines).toEqual([
      ASSESSMENT_CSV_HEADER.join(','),
      `${ASSESSMENT.eventId},SR00778104,AB12CDE,REMOVAL_CANDIDATE,UNTAXED;NO_VALID_MOT,"Untaxed since 2026-05-01, MOT expired; ""abandoned"" & <unsafe> text escaped",,2026-11-03T10:15:00.000Z`,
      `${second.eventId},SR00778105,,REFERRED,NO_REGISTRATION_MARK,"No plates, burnt out",Sussex Police,2026-11-03T10:15:00.000Z`,
      '',
    ]);
  });

  it('names the file by the London date and writes Windows-1252 when asked', async () => {
    const sut = new CsvFileAssessmentWriter({
      outboxDir: outbox,
      encoding: 'windows-1252',
      now: () => new Date('2026-07-01T23:30:00Z'),
    });
    await sut.write({
      ...ASSESSMENT,
      payload: { ...ASSESSMENT.payload, reason: 'Fine of \u00a3100 unpaid' },
    });
    const bytes = readFileSync(join(outbox, 'abandoned-vehicle-assessments-2026-07-02.csv'));
    expect(bytes.includes(Buffer.from([0xa3]))).toBe(true);
    expect(decode(bytes, 'windows-1252')).toContain('Fine of \u00a3100 unpaid');
  });

  it('leaves no temporary file behind and serialises concurrent writes', async () => {
    const sut = new CsvFileAssessmentWriter({
      outboxDir: outbox,
      now: () => new Date('2026-11-03T09:00:00Z'),
    });
    const ids = Array.from(
      { length: 20 },
      (_, index) => `0f6c1c52-3c1d-4f4e-9a55-${String(index).padStart(12, '0')}`,
    );
    await Promise.all(ids.map((eventId) => sut.write({ ...ASSESSMENT, eventId })));
    expect(readdirSync(outbox)).toEqual(['abandoned-vehicle-assessments-2026-11-03.csv']);
    const rows = readFileSync(join(outbox, readdirSync(outbox)[0]), 'utf8')
      .trim()
      .split('\r\n');
    expect(rows).toHaveLength(21);
  });

  it('fails retriably with the path when the outbox cannot be written', async () => {
    writeFileSync(join(outbox, 'not-a-folder'), 'x');
    const sut = new CsvFileAssessmentWriter({ outboxDir: join(outbox, 'not-a-folder', 'outbox') });
    const failure = await sut.write(ASSESSMENT).catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'OUTBOX_WRITE_FAILED', retriable: true });
    expect((failure as Error).message).toContain(join(outbox, 'not-a-folder', 'outbox'));
  });
});
