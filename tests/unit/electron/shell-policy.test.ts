import { describe, expect, it } from 'vitest';
import { allowCaller, allowNavigation, allowPermission, WEB_PREFERENCES } from '../../../electron/shell-policy';

describe('desktop shell policy', () => {
  it('isolates the page: context isolation and sandbox on, no Node in any frame, no webviews', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false,
    });
  });

  it.each([
    ['app://leadbooth/index.html', true],
    ['app://leadbooth/leads', true],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['app://other/index.html', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(allowNavigation(url)).toBe(allowed);
  });

  it.each([
    [{ url: 'app://leadbooth/index.html', isTopLevel: true }, true],
    [{ url: 'app://leadbooth/index.html', isTopLevel: false }, false],
    [{ url: 'https://evil.example/', isTopLevel: true }, false],
    [null, false],
  ])('a call from %j is accepted: %s', (frame, allowed) => {
    expect(allowCaller(frame)).toBe(allowed);
  });

  it.each([
    ['media', 'app://leadbooth/index.html', ['video'], true],
    ['media', 'app://leadbooth/index.html', ['audio'], false],
    ['media', 'app://leadbooth/index.html', ['video', 'audio'], false],
    ['media', 'https://evil.example/', ['video'], false],
    ['geolocation', 'app://leadbooth/index.html', [], false],
    ['notifications', 'app://leadbooth/index.html', [], false],
    ['clipboard-read', 'app://leadbooth/index.html', [], false],
  ])('permission %s for %s (%j) granted: %s', (permission, url, media, granted) => {
    expect(allowPermission(permission, url, media)).toBe(granted);
  });
});
