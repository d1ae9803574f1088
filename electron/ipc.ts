import { ipcMain, type WebContents } from 'electron';
import type { Core } from './core';
import { dispatch } from './dispatch';

export const APP_ORIGIN = 'app://leadbooth';

/** Only our own top-level page may call the core: not an iframe, not a page navigated elsewhere. */
function fromOurPage(frame: Electron.WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function bindIpc(core: Core, target: () => WebContents | undefined): () => void {
  ipcMain.handle('leadbooth:call', (event, name: unknown, input: unknown) => {
    if (!fromOurPage(event.senderFrame)) {
      return { ok: false, error: { code: 'api.forbidden_sender', message: 'Call from an unexpected frame' } };
    }
    return dispatch(core.handlers, name, input);
  });
  const unsubscribe = core.bus.subscribe((topic, data) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send('leadbooth:event', topic, data);
  });
  return () => {
    ipcMain.removeHandler('leadbooth:call');
    unsubscribe();
  };
}
