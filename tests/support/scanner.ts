import type { Page } from '@playwright/test';

export interface ScannerOptions {
  /** Shortest gap between keys, ms. */
  gapMs?: number;
  /** Each gap is longer by up to this much, as USB polling makes it (deterministic). */
  jitterMs?: number;
  /** How each "\n" of the payload is typed: one Enter (CR or LF), or Enter Enter (CRLF). */
  lineBreak?: 'enter' | 'crlf';
  /** The scanner's suffix after the code; most send Enter. */
  suffix?: 'enter' | 'crlf' | 'none';
}

/**
 * What a handheld scanner in keyboard-wedge mode does: the code typed a few ms per key, each
 * line break as Enter, then its suffix. Each key carries the time the "device" sent it, as real
 * keyboard events do: the page reads key timing from event.timeStamp, and
 * page.keyboard.type() stamps each key only when the previous one has been handled, which on a
 * loaded CI machine spreads a 5 ms scanner out to 50–80 ms per key. Payloads are ASCII, as
 * scanners type them (keyboard input of kanji sends no key events).
 */
export async function scanWithScanner(page: Page, payload: string, options: number | ScannerOptions = 5): Promise<void> {
  const { gapMs = 5, jitterMs = 0, lineBreak = 'enter', suffix = 'enter' } = typeof options === 'number' ? { gapMs: options } : options;
  const cdp = await page.context().newCDPSession(page);
  let seed = payload.length;
  const jitter = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed / 2 ** 31) * jitterMs;
  };
  try {
    let time = Date.now() / 1000;
    const press = async (key: { key: string; code?: string; text?: string; unmodifiedText?: string; windowsVirtualKeyCode?: number; nativeVirtualKeyCode?: number }) => {
      time += (gapMs + jitter()) / 1000;
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp: time });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: key.key, code: key.code, timestamp: time + 0.001 });
    };
    const enter = () => press({ key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13, text: '\r' });
    const newline = async (kind: 'enter' | 'crlf' | 'none') => {
      if (kind === 'none') return;
      await enter();
      if (kind === 'crlf') await enter();
    };
    for (const char of payload) {
      if (char === '\n') await newline(lineBreak);
      else await press({ key: char, text: char, unmodifiedText: char });
    }
    await newline(suffix);
  } finally {
    await cdp.detach();
  }
}
