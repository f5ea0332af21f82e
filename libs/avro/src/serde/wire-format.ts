import { WireFormatError } from '../errors/wire-format.error';

/**
 * Confluent wire format: byte 0 is the magic byte 0, bytes 1-4 the schema id as a
 * big-endian unsigned 32-bit integer, then the Avro binary body (Confluent docs, "Wire
 * format"). Kafka Connect, the Java and .NET serdes all read and write this layout.
 */
export const MAGIC_BYTE = 0;
export const WIRE_HEADER_SIZE = 5;
const MAX_SCHEMA_ID = 0xffff_ffff;

/** Writes the 5-byte header at the start of `target`. */
export function writeWireHeader(target: Buffer, schemaId: number): void {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > MAX_SCHEMA_ID) {
    throw new RangeError(
      `schema id must be an integer from 0 to ${MAX_SCHEMA_ID}, got ${schemaId}`,
    );
  }
  target[0] = MAGIC_BYTE;
  target.writeUInt32BE(schemaId, 1);
}

/** A message: the header followed by an Avro body that is already encoded. */
export function toWireFormat(schemaId: number, body: Buffer): Buffer {
  const message = Buffer.allocUnsafe(WIRE_HEADER_SIZE + body.length);
  writeWireHeader(message, schemaId);
  body.copy(message, WIRE_HEADER_SIZE);
  return message;
}

/** The schema id of a message, after checking its header. */
export function readSchemaId(message: Buffer): number {
  if (!Buffer.isBuffer(message)) {
    throw new WireFormatError(`expected a Buffer in Confluent wire format, got ${typeof message}`);
  }
  if (message.length < WIRE_HEADER_SIZE) {
    throw new WireFormatError(
      `message is ${message.length} bytes, shorter than the ${WIRE_HEADER_SIZE}-byte Confluent ` +
        'header (magic byte 0, then a 4-byte schema id)',
    );
  }
  if (message[0] !== MAGIC_BYTE) {
    throw new WireFormatError(
      `byte 0 is 0x${hex(message[0])}, expected the magic byte 0x00 of the Confluent wire ` +
        'format; the message was not written by a Confluent-compatible Avro serializer',
    );
  }
  return message.readUInt32BE(1);
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
