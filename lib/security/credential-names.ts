// Which names mark their value as a credential: env vars, flags, annotation keys, JSON/YAML keys, query params.
// One vocabulary, used by the text redactor, the argv redactor and the proxy's object rules.

/**
 * Words that make a name a credential's name. Each is matched anywhere in the name but must not run on into a
 * lowercase word (`token` yes, `tokenizer` no; `secret` yes, `secretary` no), so camelCase `tokenCount` and
 * `passwordFile` stay harmless while `dbPassword` and `X-Auth-Token` do not.
 */
const CREDENTIAL_WORDS = [
  'passwords?',
  'passwd',
  'passphrase',
  '(?<![a-z])pass', // `pass`, `db_pass`, `?pass=`; not `bypass`, `compass`, `passed`
  '(?:store|key|require)pass', // keytool -storepass/-keypass, redis requirepass
  '(?<![a-z])pwd', // ODBC `Pwd=`, `MYSQL_PWD`
  'secrets?',
  'token', // singular: `max_tokens`, `input_tokens` are counts
  'credentials?',
  '(?<![a-z])creds?',
  '(?:api|access|secret|private|client|signing|encryption|master|account|license|service|app)[_-]?key',
  // `SSH_KEY`, `tls.key`, `client-key-data`; not the keys of a cache, a sort, a route or a selector.
  '(?<!(?:cache|sort|partition|routing|primary|foreign|idempotency|dedup|shard|hash|lookup|group|index|object|row|map|label|selector|match|public)[_-]?)[_./-]key',
  'auth', // `auth`, `basic_auth`, `oauth`, `masterauth`; not `author`, `authority`, `authentication`
  'authorization',
  'session(?:[_-]?id)?',
  'sessid',
  'cookie',
  'signature',
  '(?<![a-z])sig', // SAS and presigned URLs
  'dsn',
  'connection[_-]?string',
  'conn[_-]?str',
  'database[_-]?url',
];

/**
 * Last name segments that describe a credential without being one: `token_count`, `password_file`,
 * `secret_name`, `session_timeout`, `token_type`, `auth_method`.
 */
const HARMLESS_SUFFIXES = [
  'count',
  'length',
  'len',
  'size',
  'limit',
  'max',
  'min',
  'ttl',
  'timeout',
  'expiry',
  'expires',
  'expiration',
  'expire',
  'lifetime',
  'age',
  'duration',
  'interval',
  'period',
  'file',
  'path',
  'dir',
  'directory',
  'mount',
  'name',
  'ref',
  'type',
  'kind',
  'mode',
  'method',
  'policy',
  'provider',
  'enabled',
  'disabled',
  'enable',
  'required',
  'header',
  'field',
  'version',
  'format',
  'algorithm',
  'alg',
  'rotation',
  'hint',
  'strength',
  'reset',
  'label',
  'prefix',
  'suffix',
  'affinity',
  'issuer',
  'audience',
  'scope',
  'usage',
  'used',
  'endpoint',
  'location',
  'secure',
  'httponly',
  'samesite',
  'domain',
];

/**
 * A name whose value is treated as secret whatever it contains. Kept a RegExp (callers use `.test`); prefer
 * {@link isSensitiveName}.
 */
export const SENSITIVE_NAME = new RegExp(
  `^(?!.*[_./ -](?:${HARMLESS_SUFFIXES.join('|')})s?$).*?(?:${CREDENTIAL_WORDS.join('|')})(?![a-z])`,
  'i',
);

/** Whether a name (env var, flag, annotation key, JSON/YAML key, query param) names a credential. */
export function isSensitiveName(name: string): boolean {
  return name.length <= 200 && SENSITIVE_NAME.test(name);
}
