import { randomFillSync } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): 48-bit millisecond time, then random bits, so ids sort by creation and
 * index well. A 12-bit counter in rand_a keeps ids made within one millisecond in order
 * (RFC 9562 §6.2, method 1). Random bytes come from a pool: asking the OS for 10 bytes per id
 * cost more than the whole insert of a roster row.
 */
const POOL_IDS = 512;
const pool = new Uint8Array(POOL_IDS * 8);
let poolAt = pool.length;
let lastMs = -1;
let counter = 0;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function random8(): Uint8Array {
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + 8);
  poolAt += 8;
  return out;
}

export function uuidv7(now: number = Date.now()): string {
  let ms = now;
  if (ms > lastMs) {
    lastMs = ms;
    counter = 0;
  } else {
    // Same millisecond (or the clock stepped back): count on from the last id.
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      lastMs = ++ms;
      counter = 0;
    }
  }
  const r = random8();
  const b = new Array<string>(16);
  for (let i = 0; i < 6; i++) b[i] = HEX[Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff]!;
  b[6] = HEX[0x70 | (counter >> 8)]!;
  b[7] = HEX[counter & 0xff]!;
  b[8] = HEX[0x80 | (r[0]! & 0x3f)]!;
  for (let i = 9; i < 16; i++) b[i] = HEX[r[i - 8]!]!;
  return `${b[0]}${b[1]}${b[2]}${b[3]}-${b[4]}${b[5]}-${b[6]}${b[7]}-${b[8]}${b[9]}-${b[10]}${b[11]}${b[12]}${b[13]}${b[14]}${b[15]}`;
}
