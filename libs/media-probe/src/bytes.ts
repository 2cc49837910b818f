/** Big-endian unsigned integer of 1–8 bytes, or undefined when it does not fit a safe integer. */
export function readUint(bytes: Uint8Array, offset: number, length: number): number | undefined {
  if (length < 0 || length > 8 || offset < 0 || offset + length > bytes.length) return undefined;
  let value = 0;
  for (let i = 0; i < length; i++) {
    value = value * 256 + bytes[offset + i];
    if (value > Number.MAX_SAFE_INTEGER) return undefined;
  }
  return value;
}

export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = offset; i < offset + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

/** IEEE-754 big-endian float of 4 or 8 bytes (an empty field is 0, as EBML defines). */
export function readFloat(bytes: Uint8Array, offset: number, length: number): number | undefined {
  if (offset + length > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, length);
  if (length === 0) return 0;
  if (length === 4) return view.getFloat32(0);
  if (length === 8) return view.getFloat64(0);
  return undefined;
}
