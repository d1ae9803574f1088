import { app, BrowserWindow, protocol, session, type WebContents } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { backupDatabase } from '../db/backup';
import { toWireError } from '../shared/errors';
import { errorText, resolveLang, t } from '../shared/i18n';
import { createApp, type App } from './app';
import { MIME_TYPES, SECURITY_HEADERS } from './csp';
import { bindIpc } from './ipc';
import { allowNavigation, allowPermission, APP_ORIGIN, isOurOrigin, WEB_PREFERENCES } from './shell-policy';
import { appRoot, rendererDir, resolveDbFile } from './paths';
import { safeStorageCipher } from './secrets-electron';
import { cipherSecretStore } from './sync';

const HOUR = 60 * 60 * 1000;

// Must happen before 'ready': app:// behaves like a secure https origin (camera, fetch, storage).
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

function serveRenderer(root: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'leadbooth') return new Response('Not found', { status: 404 });
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/u, '') || 'index.html';
    const file = path.resolve(root, relative);
    // No path may climb out of the renderer folder.
    if (!file.startsWith(root + path.sep)) return new Response('Forbidden', { status: 403 });
    try {
      const body = await fs.readFile(file);
      const type = MIME_TYPES[path.extname(file)] ?? 'application/octet-stream';
      return new Response(body, { headers: { 'Content-Type': type, ...SECURITY_HEADERS } });
    } catch {
      const index = await fs.readFile(path.join(root, 'index.html'));
      return new Response(index, { headers: { 'Content-Type': MIME_TYPES['.html']!, ...SECURITY_HEADERS } });
    }
  });
}

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function restrictPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(allowPermission(permission, details.requestingUrl ?? contents.getURL(), mediaTypes));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => permission === 'media' && isOurOrigin(origin));
}

async function start(): Promise<void> {
  const dbFile = resolveDbFile(process.argv, app.getPath('userData'));
  let core: App;
  try {
    core = createApp({
      dbFile,
      shell: 'electron',
      nativeBinding: process.env.LEADBOOTH_SQLITE_BINDING,
      // CRM credentials: safeStorage ciphertext in the settings table, never plain text.
      sync: { secrets: (kv) => cipherSecretStore(safeStorageCipher(), kv) },
    });
  } catch (err) {
    // The settings (and so the chosen language) live in the database that failed to open:
    // the system language decides, and a full disk reads as itself, not as SQLite's words.
    const { dialog } = await import('electron');
    const lang = resolveLang(null, app.getLocale());
    const { code, message } = toWireError(err);
    const reason = code === 'internal' ? message : errorText(lang, code);
    dialog.showErrorBox(t(lang, 'app.db_open_failed'), `${dbFile}\n\n${reason}`);
    app.exit(1);
    return;
  }
  const backups = path.join(path.dirname(dbFile), 'backups');
  const backup = () => backupDatabase(core.database.sqlite, backups, Date.now()).catch((e) => console.error('backup failed', e));
  void backup();
  const timer = setInterval(backup, HOUR);

  serveRenderer(rendererDir(appRoot(__dirname)));
  restrictPermissions();

  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'LeadBooth',
    webPreferences: { ...WEB_PREFERENCES, preload: path.join(__dirname, '../preload/index.cjs') },
  });
  const unbind = bindIpc(core, () => (win.isDestroyed() ? undefined : win.webContents));
  await win.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    clearInterval(timer);
    unbind();
    core.close();
    app.quit();
  });
}

app.on('web-contents-created', (_event, contents) => harden(contents));
app.whenReady().then(start, (err) => {
  console.error(err);
  app.exit(1);
});
