// The credential shapes the text redactor masks: one table, each rule masking only the secret part of its match.
//
// Shapes come from gitleaks' rules (config/gitleaks.toml) and secretlint's recommended preset, plus the shapes
// our own incidents leaked (issue 9). Every pattern is linear: quantifiers are bounded or run over a class the
// next token cannot match, never nested over overlapping classes, because this runs on every log line.

import { isSensitiveName } from './credential-names.ts';

type Groups = Record<string, string | undefined>;

export interface RedactionRule {
  /** Stable id, named after the shape (gitleaks' rule id where it has one). */
  id: string;
  description: string;
  /** A global pattern; named groups `keep` and `tail` are kept, the rest of the match is the secret. */
  pattern: RegExp;
  /** Like gitleaks' `keywords`: the rule is skipped when none of these occurs in the text (case-insensitive). */
  keywords?: readonly string[];
  /** What takes the match's place. */
  replace: (mask: string, match: string, groups: Groups) => string;
  /**
   * For a rule that decides in code whether a value follows (a name checked by `isSensitiveName`): scans the
   * text itself, reading a value only after a credential's name, so a chain `a=b=c…` stays linear.
   */
  apply?: (text: string, mask: string) => string;
}

/** Applies one rule to a text. */
export function applyRule(text: string, rule: RedactionRule, mask: string): string {
  if (rule.keywords && !rule.keywords.some((word) => text.toLowerCase().includes(word))) return text;
  if (rule.apply) return rule.apply(text, mask);
  return text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1);
    return rule.replace(mask, match, typeof groups === 'object' && groups ? (groups as Groups) : {});
  });
}

/** Keeps `keep` and `tail`, masks what lies between. */
const maskSecret = (mask: string, _match: string, g: Groups) => `${g.keep ?? ''}${mask}${g.tail ?? ''}`;

const AUTH_SCHEME = /^((?:Bearer|Basic|Token|Digest|Bot|bearer|basic|token)[ \t]+)/;
const QUOTED = /^(\\{0,3}["'`])([\s\S]*)\1$/;
/** Values that are references or empty, not secrets: `$DB_PASSWORD`, `{{ .Values.x }}`, `<redacted>`, `true`. */
const PLACEHOLDER =
  /^(?:\$\{?[\w.]+\}?|\$\([^()]*\)|\{\{[^}]*\}\}|%[sdvq]|%\w+%|<[^<>]*>|\*{3}.*|true|false|null|none|nil|undefined|\[?redacted\]?|)$/i;

/** Masks a value found under a credential's name, keeping its quotes and an auth scheme (`Bearer`). */
function maskValue(value: string, mask: string, name: string): string {
  const quoted = QUOTED.exec(value);
  const quote = quoted?.[1] ?? '';
  const inner = quoted ? (quoted[2] ?? '') : value;
  const scheme = AUTH_SCHEME.exec(inner)?.[1] ?? '';
  const secret = inner.slice(scheme.length);
  // A placeholder, or a value an earlier rule already masked (`Cookie: session=***`).
  if (PLACEHOLDER.test(secret) || secret.includes(mask)) return value;
  // `PWD=/app` is the shell's working directory, `Pwd=…;` an ODBC password.
  if (/^(?:old)?pwd$/i.test(name) && secret.startsWith('/')) return value;
  return `${quote}${scheme}${mask}${quote}`;
}

/** A match whose `name` group names a credential gets its `value` masked; any other match stays as it is. */
const maskValueOfSensitiveName = (mask: string, match: string, g: Groups) =>
  isSensitiveName(g.name ?? '') ? `${g.keep ?? ''}${maskValue(g.value ?? '', mask, g.name ?? '')}` : match;

/** A credential word right before a value in prose, a flag or an s-expression. */
const WORD = 'password|passwd|passphrase|pass|secret|token|credentials?|api[_-]?key';

// A value after `key=` / `key: ` / `"key": ` / `:key => `: quoted (plain, JSON-escaped, single, backtick) or bare.
const VALUE = [
  String.raw`\\{1,3}"[^"\n]*?\\{1,3}"`,
  String.raw`"(?:[^"\\\n]|\\.)*"`,
  String.raw`'[^'\n]*'`,
  '`[^`\\n]*`',
  String.raw`\$\{[\w.]{1,100}\}|\$\([^()\n]{1,200}\)`,
  String.raw`(?:(?:Bearer|Basic|Token|Digest|Bot|bearer|basic|token)[ \t]+)?[^\s,;&"'\x60<>(){}\[\]\\]+`,
].join('|');

/** A name and its separator: `key=`, `key: `, `"key": `, `\\"key\\":`, `:key => `, `--key=`. */
const KEY =
  /(?<![\w./-])(?<open>\\{0,3}["'\x60]|)(?<name>[\w./-]{1,80})\k<open>(?<sep>[ \t]*(?:=>|:=|=)[ \t]*|:[ \t]*|[ \t]+:[ \t]*(?=\\{0,3}["']))/g;
const VALUE_AT = new RegExp(VALUE, 'y');

/**
 * Masks the value after every credential's name. Other names are passed over without reading their value, so
 * `url: https://x/cb?token=…` and `msg="login password=…"` are still found, and the scan stays linear.
 */
function redactKeyValues(text: string, mask: string): string {
  let out = '';
  let last = 0;
  KEY.lastIndex = 0;
  for (let key = KEY.exec(text); key; key = KEY.exec(text)) {
    const name = key.groups?.name ?? '';
    if (!isSensitiveName(name)) continue;
    VALUE_AT.lastIndex = KEY.lastIndex;
    const value = VALUE_AT.exec(text)?.[0];
    if (value === undefined) continue;
    out += text.slice(last, KEY.lastIndex) + maskValue(value, mask, name.replace(/^-+/, ''));
    last = KEY.lastIndex + value.length;
    KEY.lastIndex = last;
  }
  return out + text.slice(last);
}

const COOKIE_ATTRIBUTE =
  /^(?:path|domain|expires|max-age|samesite|secure|httponly|priority|partitioned|version|comment)$/i;

/** Token shapes with a vendor prefix: masked wherever they appear, the prefix kept to say what leaked. */
const vendorTokens: [id: string, description: string, pattern: RegExp][] = [
  ['aws-access-key', 'AWS access key id', /\b(?<keep>A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g],
  [
    'github-pat',
    'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)',
    /\b(?<keep>gh[pousr]_)[A-Za-z0-9]{30,255}\b/g,
  ],
  ['github-fine-grained-pat', 'GitHub fine-grained token', /\b(?<keep>github_pat_)\w{22,255}/g],
  [
    'gitlab-token',
    'GitLab personal, deploy, runner and other tokens',
    /\b(?<keep>gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|oas|agent)-)[\w-]{20,}/g,
  ],
  [
    'slack-token',
    'Slack bot, user, app and config tokens',
    /\b(?<keep>(?:xox[abposre]|xapp)-)[A-Za-z0-9-]{10,}/g,
  ],
  [
    'slack-webhook',
    'Slack incoming webhook URL',
    /(?<keep>hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9+/_-]{10,}/g,
  ],
  [
    'discord-webhook',
    'Discord webhook URL',
    /(?<keep>discord(?:app)?\.com\/api\/webhooks\/\d+\/)[\w-]{20,}/g,
  ],
  [
    'stripe-key',
    'Stripe secret, restricted and publishable keys',
    /\b(?<keep>[srp]k_(?:live|test|prod)_)[0-9A-Za-z]{10,99}\b/g,
  ],
  ['stripe-webhook-secret', 'Stripe webhook signing secret', /\b(?<keep>whsec_)[A-Za-z0-9+/=]{20,}/g],
  ['twilio-api-key', 'Twilio API key SID', /\b(?<keep>SK)[0-9a-fA-F]{32}\b/g],
  ['sendgrid-api-key', 'SendGrid API key', /\b(?<keep>SG\.)[\w-]{16,}\.[\w-]{16,}/g],
  ['npm-token', 'npm access token', /\b(?<keep>npm_)[A-Za-z0-9]{36}\b/g],
  ['pypi-token', 'PyPI upload token', /\b(?<keep>pypi-)AgE[\w-]{50,}/g],
  [
    'anthropic-api-key',
    'Anthropic API and admin keys',
    /\b(?<keep>sk-ant-(?:api|admin|oat|sid)\d{2}-)[\w-]{20,}/g,
  ],
  [
    'openai-api-key',
    'OpenAI and OpenAI-style keys (sk-, sk-proj-)',
    /\b(?<keep>sk-(?:proj-|svcacct-|admin-)?)[\w-]{20,}/g,
  ],
  ['gcp-api-key', 'Google API key', /\b(?<keep>AIza)[\w-]{35}(?![\w-])/g],
  ['gcp-oauth-client-secret', 'Google OAuth client secret', /\b(?<keep>GOCSPX-)[\w-]{20,}/g],
  ['gcp-oauth-access-token', 'Google OAuth access token', /\b(?<keep>ya29\.)[\w-]{20,}/g],
  ['vault-token', 'HashiCorp Vault service, batch and recovery tokens', /\b(?<keep>hv[sbr]\.)[\w-]{24,}/g],
  [
    'digitalocean-token',
    'DigitalOcean personal, OAuth and refresh tokens',
    /\b(?<keep>do[por]_v1_)[a-f0-9]{64}\b/g,
  ],
  ['heroku-api-key', 'Heroku API key (HRKU-)', /\b(?<keep>HRKU-)[\w-]{20,}/g],
  ['mailgun-api-key', 'Mailgun private API key', /\b(?<keep>key-)[0-9a-zA-Z]{32}\b/g],
  [
    'shopify-token',
    'Shopify access, custom-app, private-app tokens and shared secret',
    /\b(?<keep>shp(?:at|ca|pa|ss)_)[a-fA-F0-9]{32}\b/g,
  ],
  [
    'new-relic-key',
    'New Relic user, ingest and browser keys',
    /\b(?<keep>NR(?:AK|II|JS|AA|RA|SP)-)[A-Za-z0-9]{20,}\b/g,
  ],
  [
    'azure-ad-client-secret',
    'Azure AD client secret',
    /(?<![\w~.])[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34}(?![\w~.-])/g,
  ],
  ['age-secret-key', 'age encryption secret key', /\b(?<keep>AGE-SECRET-KEY-1)[0-9A-Z]{58}\b/g],
  ['huggingface-token', 'Hugging Face access token', /\b(?<keep>hf_)[A-Za-z]{34}\b/g],
  [
    'grafana-token',
    'Grafana service-account and cloud tokens',
    /\b(?<keep>gl(?:sa|c)_)[A-Za-z0-9_=+/-]{32,}/g,
  ],
  ['databricks-token', 'Databricks API token', /\b(?<keep>dapi)[a-f0-9]{32}(?:-\d)?\b/g],
  ['postman-api-key', 'Postman API key', /\b(?<keep>PMAK-)[a-f0-9]{24}-[a-f0-9]{34}\b/g],
  ['sentry-token', 'Sentry organisation and user auth tokens', /\b(?<keep>sntr[yu]s_)[\w=+/-]{30,}/g],
  ['pulumi-token', 'Pulumi access token', /\b(?<keep>pul-)[a-f0-9]{40}\b/g],
  ['doppler-token', 'Doppler tokens', /\b(?<keep>dp\.(?:pt|st|sa|ct|scim|audit)\.)[A-Za-z0-9]{40,44}\b/g],
  ['docker-hub-pat', 'Docker Hub personal access token', /\b(?<keep>dckr_pat_)[\w-]{27,}/g],
  ['linear-api-key', 'Linear API key', /\b(?<keep>lin_api_)[A-Za-z0-9]{40}\b/g],
  ['atlassian-api-token', 'Atlassian API token', /\b(?<keep>ATATT3)[\w=-]{100,}/g],
  ['telegram-bot-token', 'Telegram bot token', /\b(?<keep>\d{8,10}:)AA[\w-]{33}(?![\w-])/g],
];

export const redactionRules: readonly RedactionRule[] = [
  {
    id: 'private-key',
    description: 'PEM, OpenSSH and PGP private keys, also JSON-escaped (a GCP service-account `private_key`)',
    pattern:
      /(?<keep>-----BEGIN[A-Z ]{0,30} PRIVATE KEY(?: BLOCK)?-----)[\s\S]*?(?<tail>-----END[A-Z ]{0,30} PRIVATE KEY(?: BLOCK)?-----|$)/g,
    keywords: ['private key'],
    replace: maskSecret,
  },
  ...vendorTokens.map(([id, description, pattern]) => ({ id, description, pattern, replace: maskSecret })),
  {
    id: 'jwt',
    description: 'JSON Web Tokens (a Kubernetes service-account token, an OIDC id token)',
    pattern: /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g,
    replace: maskSecret,
  },
  {
    id: 'url-credentials',
    description: 'user:password in a URL (postgres://, mongodb+srv://, redis://:pw@, amqp://, https://)',
    pattern: /(?<keep>\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{0,200}:)[^\s@/]{1,300}(?<tail>@)/gi,
    replace: maskSecret,
  },
  {
    id: 'oracle-jdbc-credentials',
    description: 'user/password@ in an Oracle thin JDBC URL',
    pattern: /(?<keep>jdbc:oracle:thin:[^\s/@:]{1,100}\/)[^\s@]{1,200}(?<tail>@)/g,
    replace: maskSecret,
  },
  {
    id: 'bearer',
    description: 'Bearer and Basic credentials (an Authorization header, a curl -H)',
    pattern: /\b(?<keep>(?:Bearer|Basic|bearer)[ \t]+)(?<secret>[A-Za-z0-9._~+/=-]{8,})/g,
    // A capitalised or lowercase word after it is prose ("Basic authentication"), not a credential.
    replace: (mask, match, g) => (/^[A-Za-z][a-z]+$/.test(g.secret ?? '') ? match : `${g.keep}${mask}`),
  },
  {
    id: 'cookie-header',
    description: 'Cookie and Set-Cookie headers: every value masked, cookie names and attributes kept',
    pattern: /(?<keep>\b(?:set-)?cookie["']?[ \t]*:[ \t]*)(?<cookies>[^\r\n]+)/gi,
    replace: (mask, _match, g) =>
      `${g.keep}${(g.cookies ?? '').replace(
        /(^|;[ \t]*)([^=;\s]+)=([^;\r\n"]*)/g,
        (pair, lead, name, value) =>
          COOKIE_ATTRIBUTE.test(name) || value === '' ? pair : `${lead}${name}=${mask}`,
      )}`,
  },
  {
    id: 'env-name-value',
    description: 'a container env entry whose name is a credential, as YAML (name:/value: lines) or JSON',
    pattern:
      /(?<keep>\bname:[ \t]*(?<q>["']?)(?<name>[\w.-]{1,100})\k<q>[ \t]*\r?\n[ \t]*-?[ \t]*value:[ \t]*)(?<value>"[^"\n]*"|'[^'\n]*'|[^\r\n]+)|(?<keepj>"name"[ \t]*:[ \t]*"(?<namej>[\w.-]{1,100})"[ \t]*,[ \t]*"value"[ \t]*:[ \t]*)(?<valuej>"(?:[^"\\\n]|\\.)*")/g,
    replace: (mask, match, g) =>
      g.keep
        ? maskValueOfSensitiveName(mask, match, g)
        : maskValueOfSensitiveName(mask, match, { keep: g.keepj, name: g.namej, value: g.valuej }),
  },
  {
    id: 'query-param-secret',
    description: 'a query or form parameter named like a credential (?pass=, &access_token=, &sig=)',
    pattern: /(?<keep>[?&;](?:amp;)?(?<name>[\w.[\]-]{1,60})=)(?<value>[^&;\s#"'<>\\]+)/g,
    replace: maskValueOfSensitiveName,
  },
  {
    id: 'percent-encoded-secret',
    description:
      'a credential parameter percent-encoded inside another URL or JSON (session%3D…, %22token%22%3A%22…)',
    pattern:
      /(?:(?<=%[0-9A-Fa-f]{2})|(?<![\w.%-]))(?<keep>(?<name>[A-Za-z][\w.-]{0,60})(?:%22)?%3[DdAa](?:%22|%20)*)(?<value>(?:[^\s&%"'\\]|%(?!26|22|2[Cc])[0-9A-Fa-f]{2})+)/g,
    replace: maskValueOfSensitiveName,
  },
  {
    id: 'mysql-p',
    description:
      'the password glued to -p in a mysql, mysqladmin, mysqldump or mariadb command (a probe exec)',
    pattern:
      /(?<keep>\b(?:mysql|mysqladmin|mysqldump|mysqlsh|mysqlpump|mariadb|mariadb-admin|mariadb-dump)\b[^\n]{0,300}?[ \t"',[]-p)(?<secret>[^\s"',\]]+)/g,
    replace: maskSecret,
  },
  {
    id: 'redis-cli-a',
    description: 'the password after -a in a redis-cli command',
    pattern: /(?<keep>\bredis-cli\b[^\n]{0,300}?[ \t"',[]-a[ \t"',]+)(?<secret>[^\s"',\]]+)/g,
    replace: maskSecret,
  },
  {
    id: 'openssl-pass',
    description: 'openssl -passin/-passout pass:…',
    pattern: /(?<keep>-pass(?:in|out)[ \t]+pass:)[^\s"']+/g,
    replace: maskSecret,
  },
  {
    id: 'user-password-flag',
    description: 'curl/wget -u user:password, --user user:password',
    pattern: /(?<![\w-])(?<keep>(?:-u|--user|--proxy-user)[ \t]+["']?[^\s:"']{1,100}:)[^\s"']+/g,
    replace: maskSecret,
  },
  {
    id: 'password-flag',
    description: 'the value after a credential flag and a space (--password V, -storepass V, --token V)',
    pattern:
      /(?<![\w-])(?<keep>(?<name>--?[A-Za-z][\w.-]{0,60})[ \t]+)(?<value>"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'-][^\s"']*)/g,
    replace: maskValueOfSensitiveName,
  },
  {
    id: 'paren-password',
    description: 'a credential word and its value in parentheses: (password V)',
    pattern: new RegExp(String.raw`(?<keep>\((?:${WORD})[ \t]+)(?:"[^"\n]*"|[^\s()]+)(?<tail>\))`, 'gi'),
    replace: maskSecret,
  },
  {
    id: 'netrc-password',
    description: '.netrc / ftp: login USER password V',
    pattern: /\b(?<keep>login[ \t]+\S{1,100}[ \t]+password[ \t]+)\S+/g,
    replace: maskSecret,
  },
  {
    id: 'base64-after-keyword',
    description: 'a base64 credential after "credential", "token", "secret", "password" and a space',
    pattern: new RegExp(
      String.raw`\b(?<keep>(?:${WORD})[ \t]+(?:(?:is|of|was)[ \t]+)?)(?<secret>[A-Za-z0-9+/_-]{16,}={0,2})(?![\w+/=-])`,
      'gi',
    ),
    // Base64 has mixed case or +/=; a Kubernetes name (`secret db-creds-2024 not found`) has neither.
    replace: (mask, match, g) => {
      const secret = g.secret ?? '';
      const base64ish =
        /\d/.test(secret) && (/[+/=]/.test(secret) || (/[a-z]/.test(secret) && /[A-Z]/.test(secret)));
      return base64ish ? `${g.keep}${mask}` : match;
    },
  },
  {
    id: 'key-value-secret',
    description:
      'a value under a credential name: password=, YAML password:, .env and export X_TOKEN=, JSON "password":"…", ' +
      'JSON-escaped {\\"password\\":\\"…\\"}, Ruby :password => \'…\', Password=…; in connection strings, ' +
      'kubeconfig token:/client-key-data:, annotations like example.com/db-password: …, --password=…',
    pattern: KEY,
    replace: (mask, match) => redactKeyValues(match, mask),
    apply: redactKeyValues,
  },
];
