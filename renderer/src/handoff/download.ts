import { base64ToBytes } from '../../../shared/base64';

/**
 * Hands a file the core made to the browser's download: a Blob behind an object URL (the CSP
 * allows blob:), clicked through a temporary <a download>. The renderer never writes files.
 */
export function downloadFile(file: { fileName: string; mime: string; base64: string }): void {
  const bytes = base64ToBytes(file.base64);
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by the next tick; a minute leaves room for slow machines.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
