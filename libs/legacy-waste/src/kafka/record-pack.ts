/** A Kafka record as the sink produces it: key, Avro value and the two routing headers. */
export interface PackedRecord {
  key: string;
  value: Buffer;
  eventType: string;
  eventId: string;
}

/** A record unpacked for kafkajs: views into the packed buffer, no copies. */
export interface UnpackedMessage {
  key: Buffer;
  value: Buffer;
  headers?: { eventType: Buffer; eventId: Buffer };
}

/**
 * Packs records into one ArrayBuffer (each field a 4-byte length then its bytes), which moves
 * to the producer thread without copying: structured cloning of thousands of small objects
 * and buffers would cost more than producing them.
 */
export function packRecords(records: readonly PackedRecord[]): ArrayBuffer {
  let size = 4;
  for (const record of records) {
    size += 16 + record.value.length;
    size += Buffer.byteLength(record.key) + Buffer.byteLength(record.eventType);
    size += Buffer.byteLength(record.eventId);
  }
  const memory = new ArrayBuffer(size);
  const buffer = Buffer.from(memory);
  let at = buffer.writeUInt32BE(records.length, 0);
  for (const record of records) {
    at = writeText(buffer, at, record.key);
    at = buffer.writeUInt32BE(record.value.length, at);
    at += record.value.copy(buffer, at);
    at = writeText(buffer, at, record.eventType);
    at = writeText(buffer, at, record.eventId);
  }
  return memory;
}

/** The records of packRecords; without the headers when `headers` is false. */
export function unpackRecords(memory: ArrayBuffer, headers = true): UnpackedMessage[] {
  const buffer = Buffer.from(memory);
  const count = buffer.readUInt32BE(0);
  const messages: UnpackedMessage[] = new Array<UnpackedMessage>(count);
  let at = 4;
  const field = (): Buffer => {
    const length = buffer.readUInt32BE(at);
    const view = buffer.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return view;
  };
  for (let index = 0; index < count; index += 1) {
    const key = field();
    const value = field();
    const eventType = field();
    const eventId = field();
    messages[index] = headers ? { key, value, headers: { eventType, eventId } } : { key, value };
  }
  return messages;
}

function writeText(buffer: Buffer, at: number, text: string): number {
  const length = buffer.write(text, at + 4, 'utf8');
  buffer.writeUInt32BE(length, at);
  return at + 4 + length;
}
