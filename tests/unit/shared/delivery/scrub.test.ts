import { describe, expect, it } from 'vitest';
import { clip, scrub } from '../../../../shared/delivery/scrub';

describe('scrub', () => {
  it('removes every known secret, also URL-encoded', () => {
    const token = 'pat-na1-1234abcd/+=xyz';
    const text = `Bad request for token ${token} (sent as ${encodeURIComponent(token)})`;
    const out = scrub(text, [token]);
    expect(out).not.toContain(token);
    expect(out).not.toContain(encodeURIComponent(token));
    expect(out).toContain('[redacted]');
  });

  it('removes Authorization credentials and token fields it was not told about', () => {
    const out = scrub('authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def and Basic dXNlcjpwYXNzd29yZA== {"access_token":"00D5g!AQ"} password=hunter22', []);
    expect(out).toBe('authorization: Bearer [redacted] and Basic [redacted] {"access_token":"[redacted]"} password=[redacted]');
  });

  it('leaves short values alone rather than blanking ordinary words', () => {
    expect(scrub('the id is abc', ['abc'])).toBe('the id is abc');
  });

  it('clips long answers', () => {
    expect(clip('x'.repeat(2000), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(clip('short')).toBe('short');
  });
});
