import { ipcMain, type WebContents } from 'electron';
import type { App } from './app';
import { dispatch } from './dispatch';
import { allowCaller } from './shell-policy';

function fromOurPage(frame: Electron.WebFrameMain | null): boolean {
  return allowCaller(frame ? { url: frame.url, isTopLevel: frame.parent === null } : null);
}

export function bindIpc(core: App, target: () => WebContents | undefined): () => void {
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
