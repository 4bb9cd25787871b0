// The object rules shared by the proxy and the CLI: every place a credential sits in a Kubernetes object.
import { describe, expect, it } from 'vitest';
import {
  type Json,
  redactArgs,
  redactClusterObject,
  secretValues,
  valuesOfSecrets,
} from '../../lib/security/index.ts';

const M = '<M>';
const known = secretValues(['CANARY-KNOWN-VALUE-1']);
const redact = (value: unknown, resource?: string) =>
  JSON.stringify(redactClusterObject(value as Json, resource, { mask: M, secretValues: known }));

describe('redactClusterObject', () => {
  it('masks credential flags in container command/args, probe and lifecycle exec commands', () => {
    const pod = {
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'app',
            command: ['app', '--db-password', 'CANARY-ARG-1', '--api-token=CANARY-ARG-2', '--port', '8080'],
            args: ['sh', '-c', 'mysql --password CANARY-ARG-3 -h db'],
            livenessProbe: { exec: { command: ['check', '--token=CANARY-PROBE-1'] } },
            lifecycle: { preStop: { exec: { command: ['drain', '--secret', 'CANARY-HOOK-1'] } } },
          },
        ],
      },
    };
    const out = redact(pod);
    for (const canary of ['CANARY-ARG-1', 'CANARY-ARG-2', 'CANARY-ARG-3', 'CANARY-PROBE-1', 'CANARY-HOOK-1'])
      expect(out).not.toContain(canary);
    expect(out).toContain('"--port","8080"');
    expect(out).toContain('--db-password');
  });

  it('masks annotation values whose key names a credential, keeps the others', () => {
    const out = redact({
      kind: 'Deployment',
      metadata: {
        name: 'd',
        annotations: { 'example.com/db-password': 'CANARY-ANN-1', 'example.com/owner': 'team-pay' },
      },
    });
    expect(out).not.toContain('CANARY-ANN-1');
    expect(out).toContain('team-pay');
  });

  it('drops ConfigMap binaryData values (keys stay) and masks data under credential keys', () => {
    const out = redactClusterObject(
      {
        metadata: { name: 'c' },
        data: { 'db.password': 'CANARY-CM-1', 'log.level': 'debug' },
        binaryData: { 'keystore.p12': Buffer.from('CANARY-BIN-1').toString('base64') },
      },
      'configmaps',
      { mask: M },
    ) as { data: object; binaryData: object };
    expect(out.binaryData).toEqual({ 'keystore.p12': '' });
    expect(out.data).toEqual({ 'db.password': M, 'log.level': 'debug' });
  });

  it('masks known Secret values in event messages, termination messages and any string', () => {
    const event = { kind: 'Event', message: 'probe said CANARY-KNOWN-VALUE-1', metadata: { name: 'e' } };
    const status = {
      kind: 'Pod',
      metadata: { name: 'p' },
      status: {
        containerStatuses: [
          {
            lastState: {
              terminated: { message: `bad ${Buffer.from('CANARY-KNOWN-VALUE-1').toString('base64')}` },
            },
          },
        ],
      },
    };
    expect(redact(event)).not.toContain('CANARY-KNOWN-VALUE-1');
    expect(redact(status)).not.toContain(Buffer.from('CANARY-KNOWN-VALUE-1').toString('base64'));
  });

  it('empties Secret data of list items, which carry no kind', () => {
    const out = redactClusterObject(
      { items: [{ metadata: { name: 's' }, data: { a: 'Q0FOQVJZ' } }] },
      'secrets',
      {
        mask: M,
      },
    );
    expect(out).toEqual({ items: [{ metadata: { name: 's' }, data: { a: '' } }] });
  });
});

describe('redactArgs', () => {
  it('keeps flags that name no credential and --no- switches', () => {
    expect(redactArgs(['--port', '80', '--no-password-check', 'x'], { mask: M })).toEqual([
      '--port',
      '80',
      '--no-password-check',
      'x',
    ]);
  });
});

describe('valuesOfSecrets', () => {
  it('decodes data with its keys, and keeps binary values in their served form', () => {
    const encoded = Buffer.from('CANARY-VALUE').toString('base64');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64');
    expect(valuesOfSecrets([{ data: { a: encoded, b: binary } }])).toEqual([
      { key: 'a', value: 'CANARY-VALUE' },
      { key: 'b', value: binary },
    ]);
  });
});
