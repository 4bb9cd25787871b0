// APPROVERS: one list for every cluster, or lists per cluster with `*` for all; a malformed part is named.
import { describe, expect, it } from 'vitest';
import { parseApprovers } from '../../lib/approvals/index.ts';
import { ConfigError } from '../../lib/config/index.ts';

describe('APPROVERS', () => {
  it('one list applies to every cluster', () => {
    const approversFor = parseApprovers('line:U1, slack:U2');
    expect(approversFor('prod')).toEqual(['line:U1', 'slack:U2']);
    expect(approversFor('anything')).toEqual(['line:U1', 'slack:U2']);
  });

  it('per cluster, with * added to every cluster', () => {
    const approversFor = parseApprovers('prod=line:U1,slack:U2;staging=slack:U3;*=slack:U0');
    expect(approversFor('prod')).toEqual(['line:U1', 'slack:U2', 'slack:U0']);
    expect(approversFor('staging')).toEqual(['slack:U3', 'slack:U0']);
    expect(approversFor('dev')).toEqual(['slack:U0']);
  });

  it('unset: nobody may approve', () => {
    expect(parseApprovers(undefined)('prod')).toEqual([]);
    expect(parseApprovers('')('prod')).toEqual([]);
  });

  it.each([
    ['line:U1,bob', /'bob' is not line:<id> or slack:<id>/],
    ['prod=line:U1;staging', /'staging' has no <cluster>=/],
    ['prod=line:U1;bad name=slack:U2', /'bad name' is not a cluster name/],
    ['prod=', /cluster 'prod' lists no approver/],
    ['prod=email:a@b', /prod: 'email:a@b'/],
  ])('%s is a ConfigError naming the wrong part', (setting, message) => {
    expect(() => parseApprovers(setting)).toThrow(ConfigError);
    expect(() => parseApprovers(setting)).toThrow(message);
  });
});
