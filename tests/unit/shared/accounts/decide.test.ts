import { describe, expect, it } from 'vitest';
import { decideAccount, type AccountDecision, type AccountInput } from '../../../../shared/accounts/decide';

type Holder = NonNullable<AccountInput['byName']>;
const held = (accountId: string, facts: { nameKey?: string | null; domain?: string | null } = {}, manual = false, at = 1): Holder => ({
  accountId, manual, at, account: { id: accountId, nameKey: facts.nameKey ?? null, domain: facts.domain ?? null },
});

// 日立製作所 (hitachi.co.jp) is account H; a lead of it writes its name and address as below.
const H = held('H', { nameKey: '日立製作所', domain: 'hitachi.co.jp' });
const FREE = held('F', { nameKey: 'サンプル' });

const table: [string, AccountInput, AccountDecision][] = [
  ['no company and free mail: no account',
    { nameKey: null, domain: null, byName: null, byDomain: null },
    { account: null, addKeys: [], fill: {}, flagWith: null }],
  ['first lead of a company: a new account with both keys',
    { nameKey: '日立製作所', domain: 'hitachi.co.jp', byName: null, byDomain: null },
    { account: 'new', addKeys: ['n:日立製作所', 'd:hitachi.co.jp'], fill: {}, flagWith: null }],
  ['the same name and domain again: that account, nothing to add',
    { nameKey: '日立製作所', domain: 'hitachi.co.jp', byName: H, byDomain: H },
    { account: 'H', addKeys: [], fill: {}, flagWith: null }],
  ['another spelling at the same corporate domain joins, and the spelling becomes a key',
    { nameKey: 'hitachi', domain: 'hitachi.co.jp', byName: null, byDomain: H },
    { account: 'H', addKeys: ['n:hitachi'], fill: {}, flagWith: null }],
  ['an account known only by its domain learns its name',
    { nameKey: 'acme', domain: 'acme.com', byName: null, byDomain: held('A', { domain: 'acme.com' }) },
    { account: 'A', addKeys: ['n:acme'], fill: { nameKey: 'acme' }, flagWith: null }],
  ['a name met only with free mail takes the first corporate domain it meets',
    { nameKey: 'サンプル', domain: 'sample.co.jp', byName: FREE, byDomain: null },
    { account: 'F', addKeys: ['d:sample.co.jp'], fill: { domain: 'sample.co.jp' }, flagWith: null }],
  ['the same name under an unrelated domain: a new account, flagged, not joined',
    { nameKey: '日立製作所', domain: 'hitachi-fake.com', byName: H, byDomain: null },
    { account: 'new', addKeys: ['d:hitachi-fake.com'], fill: {}, flagWith: 'H' }],
  ['name and domain name two accounts: the domain wins, and a person is asked',
    { nameKey: '日立製作所', domain: 'other.co.jp', byName: H, byDomain: held('O', { domain: 'other.co.jp' }) },
    { account: 'O', addKeys: [], fill: {}, flagWith: 'H' }],
  ['a free-mail lead joins by its name only',
    { nameKey: '日立製作所', domain: null, byName: H, byDomain: null },
    { account: 'H', addKeys: [], fill: {}, flagWith: null }],
  ['a free-mail lead of an unknown company: a new account by name',
    { nameKey: 'サンプル', domain: null, byName: null, byDomain: null },
    { account: 'new', addKeys: ['n:サンプル'], fill: {}, flagWith: null }],
  ['no company, a known corporate domain: that account',
    { nameKey: null, domain: 'hitachi.co.jp', byName: null, byDomain: H },
    { account: 'H', addKeys: [], fill: {}, flagWith: null }],
  ['no company, an unknown corporate domain: a new account by domain',
    { nameKey: null, domain: 'acme.com', byName: null, byDomain: null },
    { account: 'new', addKeys: ['d:acme.com'], fill: {}, flagWith: null }],
  ['a name a person split off wins over the domain, with no flag',
    { nameKey: '日立ハイテク', domain: 'hitachi.co.jp', byName: held('S', {}, true, 5), byDomain: H },
    { account: 'S', addKeys: [], fill: {}, flagWith: null }],
  ['a domain a person merged wins over an automatic name',
    { nameKey: 'acme', domain: 'acme.co.jp', byName: held('A'), byDomain: held('J', {}, true, 5) },
    { account: 'J', addKeys: [], fill: {}, flagWith: null }],
  ['two manual keys: the newer decision wins',
    { nameKey: 'acme', domain: 'acme.co.jp', byName: held('A', {}, true, 9), byDomain: held('J', {}, true, 5) },
    { account: 'A', addKeys: [], fill: {}, flagWith: null }],
  ['a manual name with another domain keeps the lead without asking',
    { nameKey: '日立製作所', domain: 'hitachi-fake.com', byName: { ...H, manual: true }, byDomain: null },
    { account: 'H', addKeys: [], fill: {}, flagWith: null }],
];

describe('decideAccount', () => {
  it.each(table)('%s', (_name, input, decision) => {
    expect(decideAccount(input)).toEqual(decision);
  });
});
