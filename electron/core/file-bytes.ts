import { Buffer } from 'node:buffer';
import { base64ToBinary } from '../../shared/base64';

/**
 * A file as it crosses the contract (base64) turned into bytes. Buffer copies atob's output
 * in one native step; the renderer's portable loop (shared/base64.ts) spent 50–80 ms of a
 * 100,000-row roster import on that copy.
 */
export function fileBytes(base64: string): Uint8Array {
  return Buffer.from(base64ToBinary(base64), 'latin1');
}
