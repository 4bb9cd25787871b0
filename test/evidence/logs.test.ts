// Log reading: the lines a person needs (errors, connection targets, missing settings), secrets masked.
import { describe, expect, it } from 'vitest';
import { applicationError, connectionFailures, keyLines, missingSetting } from '../../lib/evidence/index.ts';

describe('log reading', () => {
  it('finds the host and port of a refused connection, in several runtimes’ wording', () => {
    expect(connectionFailures('dial tcp 10.96.112.40:3306: connect: connection refused')[0]).toMatchObject({
      host: '10.96.112.40',
      port: 3306,
      kind: 'refused',
    });
    expect(connectionFailures('Error: connect ECONNREFUSED 10.0.0.5:5432')[0]).toMatchObject({ port: 5432 });
    expect(connectionFailures("Can't connect to MySQL server on 'mysql' (111)")[0]).toMatchObject({
      host: 'mysql',
    });
  });

  it('reads the looked-up name of a DNS failure, not the DNS server', () => {
    const [failure] = connectionFailures('dial tcp: lookup redis-cache on 10.96.0.10:53: no such host');
    expect(failure).toMatchObject({ host: 'redis-cache', kind: 'dns' });
  });

  it('names a missing environment variable', () => {
    expect(missingSetting('Error: environment variable API_TOKEN is not set')?.name).toBe('API_TOKEN');
    expect(missingSetting("KeyError: 'S3_BUCKET'")?.name).toBe('S3_BUCKET');
  });

  it('picks the exception line of a traceback', () => {
    expect(
      applicationError('Traceback (most recent call last):\n  File "x.py", line 1\nValueError: bad input'),
    ).toBe('ValueError: bad input');
  });

  it('keeps at most a few error lines, strips timestamps and masks credentials', () => {
    const log = [
      '2026-11-23T09:00:00Z INFO ready',
      '2026-11-23T09:00:01Z ERROR login failed password=hunter2-canary',
      ...Array.from({ length: 50 }, (_, i) => `2026-11-23T09:00:0${i % 10}Z ERROR retry ${i} failed`),
    ].join('\n');
    const lines = keyLines(log, 4);
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(lines.join('\n')).not.toContain('hunter2-canary');
    expect(lines.every((line) => !line.startsWith('2026-'))).toBe(true);
    expect(keyLines(log, 10)).toContain('ERROR login failed password=***');
  });
});
