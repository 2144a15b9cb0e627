/**
 * A jsonb parameter in PostgreSQL's binary format: a version byte (1), then the JSON text in UTF-8. For
 * large parameters such as a batch statement's items (~2–3 KB an item). Both drivers send bytes as they are;
 * a string, PGlite's driver measures and encodes in JavaScript, character by character and twice, which
 * took ~16 µs per intake at ~26 a batch (a CPU profile of the server on PGlite during the drive), where
 * Buffer does it natively. PGlite lets the bytes through by the jsonb serializer in database.ts.
 */
export function jsonbParameter(value: unknown): Buffer {
  const text = JSON.stringify(value);
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  bytes[0] = 1;
  bytes.write(text, 1);
  return bytes;
}
