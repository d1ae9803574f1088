/**
 * Which account a lead belongs to, decided from its company's name key and its corporate
 * domain and from what the account keys already say. Pure: the caller probes the keys and
 * the accounts they point at, passes them in, and writes what comes back.
 *
 * The rules, strongest first:
 * - a key a person set (a merge or a split) wins; between two, the newer decision;
 * - a corporate domain is stronger evidence than a name: two spellings of one company at the
 *   same domain are one account, and the new spelling joins it as a key;
 * - a name seen before without any domain (free mail, no email) takes the first domain it meets;
 * - the same name under a second, unrelated domain is not joined: a new account for that
 *   domain, and a flag for a person to look at.
 */

/** account_keys: `n:<companyKey>` or `d:<registrable corporate domain>`. */
export const nameKeyOf = (nameKey: string) => `n:${nameKey}`;
export const domainKeyOf = (domain: string) => `d:${domain}`;

/** One account_keys row as the decision reads it. */
export interface KeyHolder {
  accountId: string;
  manual: boolean;
  /** When the key was set: between two manual keys the newer decision wins. */
  at: number;
}

/** The account a key points at, as far as the decision needs it. */
export interface AccountFacts {
  id: string;
  nameKey: string | null;
  domain: string | null;
}

export interface AccountInput {
  /** companyKey(company), or null when the lead names no company. */
  nameKey: string | null;
  /** corporateDomain(email): null for free mail or no email. */
  domain: string | null;
  byName: (KeyHolder & { account: AccountFacts }) | null;
  byDomain: (KeyHolder & { account: AccountFacts }) | null;
}

export interface AccountDecision {
  /** An existing account's id, 'new' for an account to create, null for none (nothing to go on). */
  account: string | 'new' | null;
  /** Keys to add, pointing at the chosen account (never a key that already points elsewhere). */
  addKeys: string[];
  /** Facts the chosen existing account lacks and this lead supplies. */
  fill: { nameKey?: string; domain?: string };
  /** "Same name, unrelated domains": the chosen account and this one are flagged for a person. */
  flagWith: string | null;
}

const none: AccountDecision = { account: null, addKeys: [], fill: {}, flagWith: null };
const existing = (id: string, addKeys: string[] = [], fill: AccountDecision['fill'] = {}, flagWith: string | null = null): AccountDecision => ({
  account: id, addKeys, fill, flagWith,
});
const created = (addKeys: string[], flagWith: string | null = null): AccountDecision => ({ account: 'new', addKeys, fill: {}, flagWith });

export function decideAccount(input: AccountInput): AccountDecision {
  const { nameKey, domain, byName, byDomain } = input;
  if (nameKey === null && domain === null) return none;
  if (nameKey === null) return byDomain ? existing(byDomain.accountId) : created([domainKeyOf(domain!)]);
  if (domain === null) return byName ? existing(byName.accountId) : created([nameKeyOf(nameKey)]);

  if (byName && byDomain) {
    if (byName.accountId === byDomain.accountId) return existing(byName.accountId);
    if (byName.manual || byDomain.manual) {
      const nameWins = byName.manual && (!byDomain.manual || byName.at > byDomain.at);
      return existing(nameWins ? byName.accountId : byDomain.accountId);
    }
    return existing(byDomain.accountId, [], {}, byName.accountId);
  }
  if (byDomain) {
    const fill = byDomain.account.nameKey === null ? { nameKey } : {};
    return existing(byDomain.accountId, [nameKeyOf(nameKey)], fill);
  }
  if (byName) {
    const own = byName.account.domain;
    if (own === null) return existing(byName.accountId, [domainKeyOf(domain)], { domain });
    if (byName.manual) return existing(byName.accountId);
    return created([domainKeyOf(domain)], byName.accountId);
  }
  return created([nameKeyOf(nameKey), domainKeyOf(domain)]);
}
