import type { Page } from '@playwright/test';

/**
 * What a handheld scanner in keyboard-wedge mode does: the code typed `gapMs` per key, then
 * Enter. Each key carries the time the "device" sent it, as real keyboard events do: the page
 * reads key timing from event.timeStamp, and page.keyboard.type() stamps each key only when
 * the previous one has been handled, which on a loaded CI machine spreads a 5 ms scanner out
 * to 50–80 ms per key. Payloads are ASCII, as scanners type them.
 */
export async function scanWithScanner(page: Page, payload: string, gapMs = 5): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let time = Date.now() / 1000;
    const press = async (key: { key: string; code?: string; text?: string; unmodifiedText?: string; windowsVirtualKeyCode?: number; nativeVirtualKeyCode?: number }) => {
      time += gapMs / 1000;
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp: time });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: key.key, code: key.code, timestamp: time + 0.001 });
    };
    for (const char of payload) await press({ key: char, text: char, unmodifiedText: char });
    await press({ key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13, text: '\r' });
  } finally {
    await cdp.detach();
  }
}
