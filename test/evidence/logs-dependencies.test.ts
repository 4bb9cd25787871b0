// Connection errors as each client words them: every one names its host (and port when the line has it), and a
// generic exception after it does not hide it.
import { describe, expect, it } from 'vitest';
import { connectionFailures } from '../../lib/evidence/index.ts';
import { connectionKind } from '../../lib/evidence/logs.ts';

const cases: [string, string, { host: string; port?: number; kind: string }][] = [
  ['curl', 'curl: (6) Could not resolve host: api.example.com', { host: 'api.example.com', kind: 'dns' }],
  ['Node DNS', 'Error: getaddrinfo ENOTFOUND mysq', { host: 'mysq', kind: 'dns' }],
  ['Go DNS', 'dial tcp: lookup ledger-db on 10.96.0.10:53: no such host', { host: 'ledger-db', kind: 'dns' }],
  ['Go timeout', 'dial tcp 52.84.12.7:443: i/o timeout', { host: '52.84.12.7', port: 443, kind: 'timeout' }],
  [
    'PostgreSQL JDBC',
    'org.postgresql.util.PSQLException: Connection to orders-db:5432 refused. Check that the hostname and port are correct',
    { host: 'orders-db', port: 5432, kind: 'refused' },
  ],
  [
    'libpq',
    'psql: error: connection to server at "pg.internal.example.com" (10.1.2.3), port 5432 failed: Connection timed out',
    { host: 'pg.internal.example.com', port: 5432, kind: 'timeout' },
  ],
  [
    'MySQL',
    "ERROR 2003 (HY000): Can't connect to MySQL server on 'mysq:3306' (110)",
    { host: 'mysq', port: 3306, kind: 'unavailable' },
  ],
  [
    'Redis',
    'Error connecting to Redis on redis-cache:6379 (Timeout connecting to server)',
    { host: 'redis-cache', port: 6379, kind: 'timeout' },
  ],
  [
    'Kafka',
    'WARN [Producer clientId=p] Connection to node -1 (kafka-0.kafka/10.244.0.9:9092) could not be established. Broker may not be available.',
    { host: 'kafka-0.kafka', port: 9092, kind: 'unavailable' },
  ],
  [
    'Cassandra',
    'NoHostAvailableException: All host(s) tried for query failed (tried: cassandra/10.244.1.17:9042 (Cannot connect))',
    { host: 'cassandra', port: 9042, kind: 'unavailable' },
  ],
  [
    'a connection pool',
    'redis: no available connection to cache.shop:6379',
    { host: 'cache.shop', port: 6379, kind: 'unavailable' },
  ],
];

describe('connection errors in many clients’ wording', () => {
  for (const [client, line, expected] of cases)
    it(client, () => {
      const [failure] = connectionFailures(line);
      expect(failure).toMatchObject(expected);
      if (expected.port === undefined) expect(failure?.port).toBeUndefined();
    });

  it('takes the host from a neighbouring line that names the target when the error line names none', () => {
    const log = [
      'INFO HikariPool-1 - Starting... url=jdbc:mysql://mysq:3306/orders',
      'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure',
      'Exception in thread "main" java.lang.IllegalStateException: Failed to load ApplicationContext',
    ].join('\n');
    expect(connectionFailures(log)).toEqual([
      expect.objectContaining({ host: 'mysq', port: 3306, kind: 'unavailable' }),
    ]);
  });

  it('takes the port of a looked-up name from the line that dialled it', () => {
    const log =
      'connecting to amqp://rabbitmq-prod:5672\npanic: dial tcp: lookup rabbitmq-prod on 10.96.0.10:53: no such host';
    expect(connectionFailures(log)).toEqual([
      expect.objectContaining({ host: 'rabbitmq-prod', port: 5672, kind: 'dns' }),
    ]);
  });

  it('does not borrow an address from an unrelated neighbour (a listen address)', () => {
    expect(connectionFailures('listening on 0.0.0.0:8080\nupstream request timed out')).toEqual([]);
    expect(connectionFailures('Server listening at http://0.0.0.0:8080\nupstream request timed out')).toEqual(
      [],
    );
  });

  it('is not fooled by lines that only sound like errors', () => {
    expect(connectionKind('Exception in thread "main" java.lang.RuntimeException: boom')).toBeUndefined();
    expect(connectionKind('ERROR invalid input: total must be positive')).toBeUndefined();
  });
});
