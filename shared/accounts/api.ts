import { z } from 'zod';
import { Id } from '../model';
import { proc } from '../proc';
import { RosterEncoding } from '../roster';
import { Grade } from '../triage/grade';
import { LeadStatus } from '../triage/status';
import { TargetRejected, TargetRow } from './targets';

/**
 * Accounts (ABM): the companies leads belong to, the people met from each across events, the
 * hand corrections (merge, split) that outlive re-derivation, and the target-account list.
 */

export const AccountSortColumn = z.enum(['name', 'leadCount', 'bestGrade', 'bestScore', 'totalScore', 'lastTouchAt', 'target']);
export type AccountSortColumn = z.infer<typeof AccountSortColumn>;

export const AccountSummary = z.object({
  id: Id,
  name: z.string(),
  domain: z.string().nullable(),
  /** On the target-account list (by any of its names or domains); tier as the list gives it. */
  target: z.boolean(),
  tier: z.string().nullable(),
  /** People, not leads: leads of one person (名寄せ) count once. */
  leadCount: z.number().int(),
  eventCount: z.number().int(),
  bestGrade: Grade.nullable(),
  bestScore: z.number().int(),
  totalScore: z.number().int(),
  statuses: z.array(LeadStatus),
  owners: z.array(z.string()),
  lastTouchAt: z.iso.datetime().nullable(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountListInput = z.object({
  eventId: Id.optional(),
  /** true: target accounts only; false: the others. */
  target: z.boolean().optional(),
  /** Part of the name or domain. */
  query: z.string().trim().max(200).optional(),
  sort: z.object({ column: AccountSortColumn.default('leadCount'), dir: z.enum(['asc', 'desc']).default('desc') }).default({ column: 'leadCount', dir: 'desc' }),
  /**
   * The cursor of the previous page (keyset paging: the screen scrolls through thousands of
   * accounts without an OFFSET). When given, `offset` is not used.
   */
  after: z.string().max(2000).nullable().optional(),
  /** Rows to skip, for a script reading from the top; the screen pages by `after`. */
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AccountListInput = z.infer<typeof AccountListInput>;

export const AccountPage = z.object({
  total: z.number().int(),
  rows: z.array(AccountSummary),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.string().nullable(),
});
export type AccountPage = z.infer<typeof AccountPage>;

export const AccountKey = z.object({
  /** `n:<name key>` or `d:<domain>`. */
  key: z.string(),
  kind: z.enum(['name', 'domain']),
  value: z.string(),
  /** Set by a person (a merge or a split): it wins over what the leads say. */
  manual: z.boolean(),
});
export type AccountKey = z.infer<typeof AccountKey>;

export const AccountPerson = z.object({
  leadId: Id,
  personId: z.string().nullable(),
  eventId: Id,
  eventName: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  grade: Grade,
  score: z.number().int(),
  status: LeadStatus,
  owner: z.string().nullable(),
  capturedAt: z.iso.datetime(),
});
export type AccountPerson = z.infer<typeof AccountPerson>;

export const AccountDetail = z.object({
  account: AccountSummary,
  keys: z.array(AccountKey),
  /** Its leads across every event, newest first (at most 1,000). */
  people: z.array(AccountPerson),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

export const AccountFlagState = z.enum(['open', 'resolved', 'dismissed']);
export const AccountFlag = z.object({
  id: Id,
  /** same_name: one company name under unrelated domains, not joined by itself. */
  kind: z.enum(['same_name']),
  nameKey: z.string().nullable(),
  accounts: z.array(z.object({ id: Id, name: z.string(), domain: z.string().nullable() })),
  state: AccountFlagState,
  at: z.iso.datetime(),
});
export type AccountFlag = z.infer<typeof AccountFlag>;

export const TargetsImportResult = z.object({
  encoding: RosterEncoding,
  imported: z.number().int(),
  rejectedCount: z.number().int(),
  rejected: z.array(TargetRejected),
  /** Leads whose grade or score changed with the new list. */
  rescored: z.number().int(),
});
export type TargetsImportResult = z.infer<typeof TargetsImportResult>;

const FileBase64 = z.string().max(16 * 1024 * 1024);

/** An account as a filter chip or a mark shows it. */
export const AccountName = z.object({
  id: Id,
  name: z.string(),
  domain: z.string().nullable(),
  target: z.boolean(),
  tier: z.string().nullable(),
});
export type AccountName = z.infer<typeof AccountName>;

/** An account the target list names, by any of its names or domains; the best tier the list gives it. */
export const TargetAccount = z.object({ accountId: Id, tier: z.string().nullable() });
export type TargetAccount = z.infer<typeof TargetAccount>;

export const accountsApi = {
  'accounts.list': proc(AccountListInput, AccountPage),
  'accounts.get': proc(z.object({ id: Id }), AccountDetail),
  /** Account `from` into `into`: its keys move (as a person's choice) and its leads follow. */
  'accounts.merge': proc(z.object({ from: Id, into: Id }), z.object({ accountId: Id, moved: z.number().int() })),
  /** One key of an account (a domain or a name) to an account of its own, with the leads it brings. */
  'accounts.split': proc(z.object({ id: Id, key: z.string().min(3).max(600) }), z.object({ accountId: Id, moved: z.number().int() })),
  'accounts.flags': proc(z.object({ state: AccountFlagState.default('open') }), z.array(AccountFlag)),
  /** The flagged accounts are one company: the others merge into `into`. */
  'accounts.resolveFlag': proc(z.object({ id: Id, into: Id }), z.object({ accountId: Id, moved: z.number().int() })),
  /** The flagged accounts are different companies: kept apart, not asked again. */
  'accounts.dismissFlag': proc(z.object({ id: Id }), z.object({})),
  /** Replaces the target-account list (CSV, UTF-8 or Shift_JIS, base64) and re-scores the leads it touches. */
  'targets.import': proc(z.object({ file: FileBase64 }), TargetsImportResult),
  'targets.list': proc(z.object({}), z.array(TargetRow)),
  /** Accounts by id, for a filter that names them (Triage's "leads of this account"); unknown ids are left out. */
  'accounts.names': proc(z.object({ ids: z.array(Id).max(200) }), z.array(AccountName)),
  /** Every account the target list names: the screens mark their leads (a list of companies, not of leads). */
  'targets.accounts': proc(z.object({}), z.array(TargetAccount)),
};
