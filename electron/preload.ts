import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// The page gets exactly two functions and no Node or Electron object: everything else goes
// through the contract, validated in main.
contextBridge.exposeInMainWorld('leadbooth', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('leadbooth:call', name, input),
  subscribe: (listener: (topic: string, data: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, topic: string, data: unknown) => listener(topic, data);
    ipcRenderer.on('leadbooth:event', handler);
    return () => ipcRenderer.removeListener('leadbooth:event', handler);
  },
});
