import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../../shared/api';
import { openTestCore, type TestCore } from '../../support/temp-core';

let core: TestCore;
afterEach(() => core?.close());

describe('the contract', () => {
  it('has a handler for every procedure it names, and none it does not', () => {
    core = openTestCore();
    const named = Object.keys(api).sort();
    const handled = Object.keys(core.handlers).sort();
    expect(named.filter((n) => !handled.includes(n))).toEqual([]);
    expect(handled.filter((n) => !named.includes(n))).toEqual([]);
  });
});
