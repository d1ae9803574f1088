import { describe, expect, it } from 'vitest';
import type { ConnectorStatus } from '../../../../shared/delivery/api';
import { connectorState, deliverySummary, waiting } from '../../../../renderer/src/upload/delivery-state';

function status(overrides: Partial<ConnectorStatus>): ConnectorStatus {
  return {
    connector: 'hubspot',
    enabled: true,
    usable: true,
    reachability: 'unknown',
    counts: { pending: 0, inFlight: 0, done: 0, attention: 0 },
    running: false,
    nextAttemptAt: null,
    lastError: null,
    lastErrorAt: null,
    lastUploadAt: null,
    autoUploadMinutes: 5,
    policy: 'mql',
    credentialsRejected: null,
    ...overrides,
  };
}

describe('connectorState', () => {
  it('says credentials rejected, never online, while the CRM refuses the credentials', () => {
    const rejected = { message: 'HTTP 401: Authentication credentials not found.', at: '2025-06-04T09:00:00.000Z' };
    expect(connectorState(status({ reachability: 'online', credentialsRejected: rejected }))).toBe('credentials_rejected');
    expect(deliverySummary([status({ reachability: 'online', credentialsRejected: rejected })])).toMatchObject({ state: 'offline' });
  });

  it('says off for a connector the user has not turned on, whatever the calls said', () => {
    expect(connectorState(status({ enabled: false, usable: false, reachability: 'online' }))).toBe('off');
  });

  it('says not configured when it is on but lacks a URL or credentials', () => {
    expect(connectorState(status({ usable: false }))).toBe('not_configured');
  });

  it('otherwise says what the engine judged from real calls', () => {
    expect(connectorState(status({ reachability: 'online' }))).toBe('online');
    expect(connectorState(status({ reachability: 'offline' }))).toBe('offline');
    expect(connectorState(status({ reachability: 'unknown' }))).toBe('unknown');
  });
});

describe('deliverySummary', () => {
  it('is null when nothing is set up to deliver', () => {
    expect(deliverySummary([])).toBeNull();
    expect(deliverySummary([status({ enabled: false }), status({ connector: 'mautic', usable: false })])).toBeNull();
  });

  it('says offline when any usable connector is offline, even if another answers', () => {
    const summary = deliverySummary([
      status({ reachability: 'online' }),
      status({ connector: 'salesforce', reachability: 'offline' }),
    ]);
    expect(summary?.state).toBe('offline');
  });

  it('says online when one answers and none is offline, and unknown before any call', () => {
    expect(deliverySummary([status({ reachability: 'online' }), status({ connector: 'webhook' })])?.state).toBe('online');
    expect(deliverySummary([status({})])?.state).toBe('unknown');
  });

  it('ignores an offline connector that is not usable, and adds up the leads needing attention', () => {
    const summary = deliverySummary([
      status({ reachability: 'online', counts: { pending: 0, inFlight: 0, done: 5, attention: 2 } }),
      status({ connector: 'mautic', usable: false, reachability: 'offline', counts: { pending: 0, inFlight: 0, done: 0, attention: 1 } }),
    ]);
    expect(summary).toEqual({ state: 'online', attention: 3 });
  });
});

describe('waiting', () => {
  it('counts pending and in-flight records as still to go', () => {
    expect(waiting(status({ counts: { pending: 3, inFlight: 2, done: 9, attention: 1 } }))).toBe(5);
  });
});
