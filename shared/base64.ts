import { AppError } from './errors';

/** Base64 both ways without Buffer, so the renderer and the core share one codec. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

/** The decoded bytes as a binary string (one char per byte), or `file.invalid_base64`. */
export function base64ToBinary(base64: string): string {
  try {
    return atob(base64);
  } catch {
    throw new AppError('file.invalid_base64', 'The file content is not valid base64');
  }
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = base64ToBinary(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
