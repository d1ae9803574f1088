/**
 * The desktop shell's security decisions, free of Electron imports so they are tested with
 * plain Node: what the window may load, which frames may call the core, which permissions a
 * page gets.
 */
export const APP_ORIGIN = 'app://leadbooth';

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export function isOurOrigin(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    // Compared by parts: URL.origin is "null" for a scheme the URL parser does not know as
    // standard (outside Electron, which registers app:// as standard), which would match nothing.
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Only our own page may navigate, and only within our origin. */
export const allowNavigation = (url: string): boolean => isOurOrigin(url);

/** Only our own top-level page may call the core: not an iframe, not a page navigated elsewhere. */
export function allowCaller(frame: { url: string; isTopLevel: boolean } | null): boolean {
  return frame !== null && frame.isTopLevel && isOurOrigin(frame.url);
}

/** Everything is denied but the camera (video only) for our own page: badges come in by QR. */
export function allowPermission(permission: string, requestingUrl: string | undefined, mediaTypes: readonly string[] = []): boolean {
  const cameraOnly = permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video');
  return cameraOnly && isOurOrigin(requestingUrl);
}
