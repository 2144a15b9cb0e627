/**
 * A jsonb parameter in PostgreSQL's binary format: a version byte (1), then the JSON text in UTF-8. For
 * large parameters such as a batch statement's items (~1 KB of JSON per intake, ~26 intakes a batch at 50
 * clients). Both drivers send bytes as they are. A string, PGlite's driver measures and encodes in
 * JavaScript, character by character and twice: ~25 µs per intake in a CPU profile of the server on PGlite
 * during the drive, ~5 % of its CPU. Buffer does it natively. PGlite lets the bytes through by the jsonb
 * serializer in database.ts.
 */
export function jsonbParameter(value: unknown): Buffer {
  const text = JSON.stringify(value);
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  bytes[0] = 1;
  bytes.write(text, 1);
  return bytes;
}
