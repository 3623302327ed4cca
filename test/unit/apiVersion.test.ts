import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { capabilitiesOf, compareApiVersions, NEWEST_KNOWN_API, negotiateApiVersion } from '../../src/model/apiVersion';

describe('API version negotiation', () => {
  test('compares versions numerically, not as text', () => {
    assert.ok(compareApiVersions('1.9', '1.41') < 0);
    assert.ok(compareApiVersions('1.44', '1.41') > 0);
    assert.equal(compareApiVersions('v1.41', '1.41'), 0);
  });

  test("speaks the engine's own version when we know it (Debian 20.10: 1.41)", () => {
    assert.deepEqual(negotiateApiVersion('1.41', '1.12'), { ok: true, apiVersion: '1.41' });
  });

  test('caps newer engines at the newest version we know', () => {
    assert.deepEqual(negotiateApiVersion('1.60', '1.24'), { ok: true, apiVersion: NEWEST_KNOWN_API });
  });

  test('refuses engines that are too old, with the reason', () => {
    const result = negotiateApiVersion('1.24', '1.12');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /API 1\.24 is too old/);
  });

  test('refuses engines that no longer accept any version we speak', () => {
    const result = negotiateApiVersion('1.70', '1.60');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /too new/);
  });

  test('offers connect MacAddress from 1.44 and GwPriority from 1.48 only', () => {
    assert.deepEqual([capabilitiesOf('1.41').connectMacAddress, capabilitiesOf('1.41').gatewayPriority], [false, false]);
    assert.deepEqual([capabilitiesOf('1.44').connectMacAddress, capabilitiesOf('1.44').gatewayPriority], [true, false]);
    assert.equal(capabilitiesOf('1.48').gatewayPriority, true);
  });
});
