// The corpus of credential shapes seen in logs, events, termination messages, annotations and argv: each canary
// is masked, the words around it stay, and ordinary text passes through unchanged.
import { describe, expect, it } from 'vitest';
import { MASK, redactText } from '../../lib/security/index.ts';

/** Canaries in each token type's alphabet, so a rule that checks the alphabet still sees a real shape. */
const alnum = (n: number, length: number) =>
  `KrCanary${String(n).padStart(2, '0')}`.padEnd(length, 'x9Q').slice(0, length);
const lower = (n: number, length: number) =>
  `krcanary${String(n).padStart(2, '0')}`.padEnd(length, 'x9q').slice(0, length);
const upper = (n: number, length: number) =>
  `KRCANARY${String(n).padStart(2, '0')}`.padEnd(length, 'X7').slice(0, length);
const hex = (n: number, length: number) =>
  `ca11ab1e${String(n).padStart(2, '0')}`.padEnd(length, 'f0').slice(0, length);
const letters = (n: number, length: number) =>
  `KrCanary${'abcdefghij'[n % 10]}`.padEnd(length, 'xQ').slice(0, length);
const word = (n: number) => `kr-canary-${n}-s3cr3t`;
const b64 = (n: number) => btoa(`app:kr-canary-${n}-s3cr3t`);

/** [where it shows up and what it is, the line, the canary, text that must stay]. */
const shapes: [string, string, string, string[]][] = [
  // Vendor tokens (gitleaks rule ids in brackets where the shape is theirs).
  [
    'aws-access-key in an error',
    `upload failed: AKIA${upper(1, 16)} was rejected`,
    upper(1, 16),
    ['upload failed: AKIA', 'was rejected'],
  ],
  [
    'aws secret in a credentials file',
    `aws_secret_access_key = ${alnum(2, 40)}`,
    alnum(2, 40),
    ['aws_secret_access_key = '],
  ],
  [
    'github-pat ghp_',
    `git push failed with ghp_${alnum(3, 36)}`,
    alnum(3, 36),
    ['git push failed with ghp_'],
  ],
  [
    'github oauth gho_ in JSON',
    `{"access_token":"gho_${alnum(4, 36)}","scope":"repo"}`,
    alnum(4, 36),
    ['"access_token":"', '"scope":"repo"'],
  ],
  [
    'github app token in a clone URL',
    `clone https://x-access-token:ghs_${alnum(5, 36)}@github.com/acme/shop.git`,
    alnum(5, 36),
    ['https://x-access-token:', '@github.com/acme/shop.git'],
  ],
  [
    'github fine-grained pat',
    `GITHUB_TOKEN=github_pat_${alnum(6, 22)}_${alnum(6, 59)}`,
    alnum(6, 22),
    ['GITHUB_TOKEN='],
  ],
  ['gitlab pat', `registry login with glpat-${alnum(7, 20)}`, alnum(7, 20), ['registry login with']],
  [
    'slack bot token',
    `slack: posting as xoxb-1234567890-${alnum(8, 24)}`,
    alnum(8, 24),
    ['slack: posting as'],
  ],
  ['slack user token', `token xoxp-1234567890-1234567890-${alnum(9, 32)} revoked`, alnum(9, 32), ['revoked']],
  [
    'slack webhook',
    `POST https://hooks.slack.com/services/T00000000/B00000000/${alnum(10, 24)} 404`,
    alnum(10, 24),
    ['https://hooks.slack.com/services/', ' 404'],
  ],
  [
    'stripe live key',
    `stripe.error.AuthenticationError: Invalid API Key provided: sk_live_${alnum(11, 24)}`,
    alnum(11, 24),
    ['Invalid API Key provided:'],
  ],
  ['stripe restricted key', `STRIPE_KEY: rk_test_${alnum(12, 24)}`, alnum(12, 24), ['STRIPE_KEY']],
  [
    'stripe webhook secret',
    `webhook secret whsec_${alnum(13, 32)} does not match`,
    alnum(13, 32),
    ['does not match'],
  ],
  ['twilio api key', `twilio: auth SK${hex(14, 32)} failed`, hex(14, 32), ['twilio: auth', 'failed']],
  [
    'sendgrid api key',
    `mail: 401 for SG.${alnum(15, 22)}.${alnum(15, 43)}`,
    alnum(15, 22),
    ['mail: 401 for'],
  ],
  [
    'npm token in .npmrc',
    `//registry.npmjs.org/:_authToken=npm_${alnum(16, 36)}`,
    alnum(16, 36),
    ['//registry.npmjs.org/:_authToken='],
  ],
  ['pypi token', `twine upload -p pypi-AgEIcHlwaS5vcmc${alnum(17, 60)}`, alnum(17, 60), ['twine upload']],
  [
    'openai project key',
    `openai.AuthenticationError: Incorrect API key provided: sk-proj-${alnum(18, 48)}`,
    alnum(18, 48),
    ['Incorrect API key provided:'],
  ],
  [
    'anthropic key',
    `anthropic: 401 with sk-ant-api03-${alnum(19, 93)}AA`,
    alnum(19, 93),
    ['anthropic: 401 with'],
  ],
  [
    'google api key',
    `maps: REQUEST_DENIED key=AIza${alnum(20, 35)}`,
    alnum(20, 35),
    ['maps: REQUEST_DENIED'],
  ],
  ['google oauth client secret', `client_secret: GOCSPX-${alnum(21, 28)}`, alnum(21, 28), ['client_secret']],
  ['google oauth access token', `gcs: 401 for ya29.${alnum(22, 60)}`, alnum(22, 60), ['gcs: 401 for']],
  ['vault token', `VAULT_TOKEN=hvs.${alnum(23, 24)}`, alnum(23, 24), ['VAULT_TOKEN=']],
  ['digitalocean token', `doctl: using dop_v1_${hex(24, 64)}`, hex(24, 64), ['doctl: using']],
  ['heroku api key', `heroku: HRKU-${alnum(25, 60)} expired`, alnum(25, 60), ['heroku:', 'expired']],
  ['mailgun key', `mailgun: 401 key-${alnum(26, 32)}`, alnum(26, 32), ['mailgun: 401']],
  ['shopify token', `X-Shopify-Access-Token: shpat_${hex(27, 32)}`, hex(27, 32), ['X-Shopify-Access-Token']],
  ['new relic user key', `newrelic: NRAK-${upper(28, 27)} invalid`, upper(28, 27), ['newrelic:', 'invalid']],
  [
    'azure ad client secret',
    `AZURE_CLIENT_SECRET=abc8Q~${alnum(29, 34)}`,
    alnum(29, 34),
    ['AZURE_CLIENT_SECRET='],
  ],
  [
    'azure storage connection string',
    `DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${alnum(30, 86)}==;EndpointSuffix=core.windows.net`,
    alnum(30, 86),
    ['AccountName=shop;AccountKey=', ';EndpointSuffix=core.windows.net'],
  ],
  ['age secret key', `AGE-SECRET-KEY-1${upper(31, 58)}`, upper(31, 58), ['AGE-SECRET-KEY-1']],
  [
    'hugging face token',
    `HF hub: hf_${letters(32, 34)} unauthorized`,
    letters(32, 34),
    ['HF hub:', 'unauthorized'],
  ],
  [
    'grafana service-account token',
    `grafana: glsa_${alnum(33, 32)}_${hex(33, 8)}`,
    alnum(33, 32),
    ['grafana:'],
  ],
  ['databricks token', `databricks: dapi${hex(34, 32)}`, hex(34, 32), ['databricks:']],
  [
    'docker hub pat',
    `docker login -u acme --password-stdin <<< dckr_pat_${alnum(35, 27)}`,
    alnum(35, 27),
    ['docker login -u acme --password-stdin'],
  ],
  ['telegram bot token', `bot api: 123456789:AA${alnum(36, 33)}`, alnum(36, 33), ['bot api:']],
  [
    'datadog api key in env',
    `DD_API_KEY=${hex(37, 32)} DD_SITE=datadoghq.eu`,
    hex(37, 32),
    ['DD_API_KEY=', 'DD_SITE=datadoghq.eu'],
  ],
  // Structural shapes.
  [
    'jwt in a termination message',
    `panic: token rejected: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrci1jYW5hcnktMzgifQ.${alnum(38, 43)}`,
    alnum(38, 43),
    ['panic: token rejected:'],
  ],
  [
    'rsa private key',
    `-----BEGIN RSA PRIVATE KEY-----\nMIIE${alnum(39, 60)}\n-----END RSA PRIVATE KEY-----`,
    alnum(39, 60),
    ['-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----'],
  ],
  [
    'openssh private key',
    `-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl${alnum(40, 60)}\n-----END OPENSSH PRIVATE KEY-----`,
    alnum(40, 60),
    ['OPENSSH PRIVATE KEY'],
  ],
  [
    'pgp private key',
    `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOY${alnum(41, 60)}\n-----END PGP PRIVATE KEY BLOCK-----`,
    alnum(41, 60),
    ['PGP PRIVATE KEY BLOCK'],
  ],
  [
    'gcp service-account JSON private_key, JSON-escaped',
    `{"type":"service_account","private_key_id":"k1","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE${alnum(42, 40)}\\n-----END PRIVATE KEY-----\\n","client_email":"sa@p.iam.gserviceaccount.com"}`,
    alnum(42, 40),
    ['"type":"service_account"', '"client_email":"sa@p.iam.gserviceaccount.com"'],
  ],
  [
    'postgres URL',
    `dial postgres://app:${word(43)}@db:5432/shop failed`,
    word(43),
    ['dial postgres://app:', '@db:5432/shop failed'],
  ],
  [
    'mongodb+srv URL',
    `MongoServerError: bad auth mongodb+srv://shop:${word(44)}@cluster0.mongodb.net/shop`,
    word(44),
    ['mongodb+srv://shop:', '@cluster0.mongodb.net/shop'],
  ],
  [
    'redis URL with only a password',
    `REDIS_URL=redis://:${word(45)}@redis:6379/0`,
    word(45),
    ['REDIS_URL=redis://:', '@redis:6379/0'],
  ],
  [
    'jdbc mysql query password',
    `jdbc:mysql://db:3306/shop?user=app&password=${word(46)}&useSSL=true`,
    word(46),
    ['jdbc:mysql://db:3306/shop?user=app&password=', '&useSSL=true'],
  ],
  [
    'jdbc oracle thin',
    `jdbc:oracle:thin:scott/${word(47)}@db:1521/ORCL`,
    word(47),
    ['jdbc:oracle:thin:scott/', '@db:1521/ORCL'],
  ],
  [
    'amqp URL',
    `amqp://orders:${word(48)}@rabbitmq:5672/ connection closed`,
    word(48),
    ['amqp://orders:', 'connection closed'],
  ],
  [
    'Authorization: Bearer',
    `GET /api Authorization: Bearer ${alnum(49, 40)}`,
    alnum(49, 40),
    ['Authorization: Bearer'],
  ],
  ['Authorization: Basic', `proxy: Authorization: Basic ${b64(50)}`, b64(50), ['Authorization: Basic']],
  [
    'curl -H Authorization: Token',
    `curl -H "Authorization: Token ${alnum(51, 40)}" https://api.example.com`,
    alnum(51, 40),
    ['curl -H "Authorization: Token', 'https://api.example.com'],
  ],
  [
    'Cookie header',
    `Cookie: session=${alnum(52, 32)}; theme=dark`,
    alnum(52, 32),
    ['Cookie: session=', 'theme='],
  ],
  [
    'Set-Cookie header',
    `Set-Cookie: JSESSIONID=${hex(53, 32)}; Path=/; HttpOnly`,
    hex(53, 32),
    ['Set-Cookie: JSESSIONID=', 'Path=/; HttpOnly'],
  ],
  [
    'session= with a percent-encoded value',
    `session=${lower(54, 12)}%2F${lower(54, 12)}%3D%3D expired`,
    lower(54, 12),
    ['session=', 'expired'],
  ],
  // Key/value shapes.
  [
    'env entry as YAML',
    `        - name: DB_PASSWORD\n          value: ${word(55)}\n        - name: LOG_LEVEL\n          value: info`,
    word(55),
    ['name: DB_PASSWORD', 'value: info'],
  ],
  [
    'env entry as JSON',
    `{"name":"API_TOKEN","value":"${word(56)}"},{"name":"PORT","value":"8080"}`,
    word(56),
    ['"name":"API_TOKEN"', '"value":"8080"'],
  ],
  ['.env line', `DB_PASSWORD=${word(57)}`, word(57), ['DB_PASSWORD=']],
  [
    'export in a shell trace',
    `+ export SLACK_BOT_TOKEN=${word(58)}`,
    word(58),
    ['+ export SLACK_BOT_TOKEN='],
  ],
  [
    'YAML password:',
    `  password: "${word(59)}"\n  username: app`,
    word(59),
    ['password: "', 'username: app'],
  ],
  ['kubeconfig token:', `    token: ${word(60)}`, word(60), ['token: ']],
  [
    'kubeconfig client-key-data:',
    `    client-key-data: LS0t${alnum(61, 40)}`,
    alnum(61, 40),
    ['client-key-data: '],
  ],
  [
    'docker config auths',
    `{"auths":{"registry.example.com":{"auth":"${b64(62)}"}}}`,
    b64(62),
    ['"auths":{"registry.example.com":{"auth":"'],
  ],
  [
    'annotation naming a credential',
    `example.com/db-password: ${word(63)}`,
    word(63),
    ['example.com/db-password: '],
  ],
  ['JSON apiKey', `{"apiKey": "${word(64)}", "user": "x"}`, word(64), ['"apiKey": "', '"user": "x"']],
  [
    'escaped JSON password',
    `{"log":"{\\"password\\":\\"${word(65)}\\",\\"user\\":\\"app\\"}"}`,
    word(65),
    ['\\"password\\":\\"', '\\"user\\":\\"app\\"'],
  ],
  [
    'Ruby hash rocket',
    `ActiveRecord: {:host => "db", :password => '${word(66)}'}`,
    word(66),
    [':host => "db"', ':password => '],
  ],
  [
    '?pass= in a query',
    `GET /login?user=app&pass=${word(67)} HTTP/1.1" 401`,
    word(67),
    ['GET /login?user=app&pass=', 'HTTP/1.1" 401'],
  ],
  [
    'percent-encoded session in a redirect',
    `redirect=%2Fcb%3Fsession%3D${word(68)}%26next%3D1`,
    word(68),
    ['redirect=%2Fcb%3Fsession%3D', '%26next%3D1'],
  ],
  [
    'percent-encoded JSON token',
    `q=%7B%22token%22%3A%22${lower(69, 24)}%22%7D`,
    lower(69, 24),
    ['q=%7B%22token%22%3A%22'],
  ],
  [
    'value percent-encoded in a query',
    `POST /auth?username=app&password=${encodeURIComponent(`${word(70)}@x/y`)}`,
    encodeURIComponent(word(70)),
    ['?username=app&password='],
  ],
  [
    'ODBC connection string',
    `Server=db;User Id=sa;Password=${word(71)};Database=shop`,
    word(71),
    ['Server=db;User Id=sa;Password=', ';Database=shop'],
  ],
  ['MYSQL_PWD', `MYSQL_PWD=${word(72)} mysql -h db`, word(72), ['MYSQL_PWD=', 'mysql -h db']],
  ['Django SECRET_KEY', `SECRET_KEY = '${word(73)}'`, word(73), ['SECRET_KEY = ']],
  [
    'refresh_token in JSON',
    `{"refresh_token":"${word(74)}","expires_in":3600}`,
    word(74),
    ['"refresh_token":"', '"expires_in":3600'],
  ],
  [
    'azure SAS sig=',
    `https://shop.blob.core.windows.net/c/x?sv=2022-11-02&sig=${alnum(75, 43)}%3D&se=2026`,
    alnum(75, 43),
    ['?sv=2022-11-02&sig=', '&se=2026'],
  ],
  [
    'aws presigned URL',
    `https://s3.amazonaws.com/b/k?X-Amz-Credential=x&X-Amz-Signature=${hex(76, 64)}`,
    hex(76, 64),
    ['X-Amz-Signature='],
  ],
  // Argv shapes in text (probe exec, container args, shell traces).
  [
    '--password V',
    `mysqld --user=mysql --password ${word(77)} --port 3306`,
    word(77),
    ['--user=mysql --password', '--port 3306'],
  ],
  [
    'mysql -pV in a probe exec',
    `Liveness probe failed: exec [mysqladmin ping -h 127.0.0.1 -uroot -p${word(78)}]`,
    word(78),
    ['mysqladmin ping -h 127.0.0.1 -uroot -p', 'Liveness probe failed'],
  ],
  ['(password V)', `auth (password ${word(79)}) rejected`, word(79), ['auth (password ', ') rejected']],
  [
    '--token V',
    `kubeadm join 10.0.0.1:6443 --token ${lower(80, 6)}.${lower(80, 16)} --discovery-token-ca-cert-hash sha256:ab`,
    lower(80, 16),
    ['kubeadm join 10.0.0.1:6443 --token', '--discovery-token-ca-cert-hash'],
  ],
  [
    'keytool -storepass',
    `keytool -importcert -keystore ks.jks -storepass ${word(81)} -noprompt`,
    word(81),
    ['-storepass', '-noprompt'],
  ],
  [
    'openssl -passin pass:',
    `openssl pkcs12 -in c.p12 -passin pass:${word(82)} -nodes`,
    word(82),
    ['-passin pass:', '-nodes'],
  ],
  [
    'curl -u user:password',
    `curl -u admin:${word(83)} https://es:9200/_cluster/health`,
    word(83),
    ['curl -u admin:', 'https://es:9200/_cluster/health'],
  ],
  [
    'redis-cli -a',
    `command: [redis-cli, -h, redis, -a, ${word(84)}, ping]`,
    word(84),
    ['redis-cli, -h, redis, -a,', 'ping]'],
  ],
  [
    'netrc',
    `machine github.com login bot password ${word(85)}`,
    word(85),
    ['machine github.com login bot password'],
  ],
  // Free text after a credential word.
  [
    'base64 after "credential"',
    `using credential ${b64(86)} for registry`,
    b64(86),
    ['using credential', 'for registry'],
  ],
  [
    'base64 after "token"',
    `Warning  FailedMount  token ${b64(87)} is expired`,
    b64(87),
    ['FailedMount  token', 'is expired'],
  ],
  [
    'Event message with a token',
    `Error: ImagePullBackOff: pull access denied, token=${word(88)} rejected`,
    word(88),
    ['ImagePullBackOff: pull access denied, token=', 'rejected'],
  ],
  [
    'log field inside a JSON log line',
    `{"level":"error","msg":"login failed password=${word(89)}\\nretrying"}`,
    word(89),
    ['"level":"error"', 'login failed password=', '\\nretrying'],
  ],
  [
    'query token inside a YAML url',
    `callback: https://shop.example/cb?token=${word(90)}&x=1`,
    word(90),
    ['callback: https://shop.example/cb?token=', '&x=1'],
  ],
];

const harmless = [
  'user=payment host=mysql port=3306',
  'token_count=5 max_tokens=100 input_tokens=42',
  'passed 5 tests, 0 failed',
  'tokenizer loaded; keyboard layout us; author: jane; secretary: bob',
  'Error: connect ECONNREFUSED 10.96.112.40:3306 (mysql.shop.svc.cluster.local)',
  'Back-off restarting failed container payment in pod payment-7d9f',
  'MountVolume.SetUp failed for volume "creds" : secret "db-credentials" not found',
  'secret db-creds-2024 not found',
  'password authentication failed for user "app"',
  'Basic authentication required',
  'secretName: db-credentials',
  'session_timeout=30s sessionAffinity: ClientIP',
  'password_file=/run/secrets/db token_type=Bearer',
  'key: app.kubernetes.io/name',
  'routing_key=orders.created cache_key=user:42',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell reference, not a secret
  'password: ${DB_PASSWORD}',
  'password=$(cat /run/secrets/db)',
  'PWD=/app',
  '12:30:45 level=info msg="ready" duration=12ms',
  'GET /healthz?verbose=1 200',
  'image: shop/payment:1.4.2',
  'mysql -h db -u root -p',
  'task-9f8e7d6c5b4a39281706f5e4d3c2b1a0 completed',
  'bypass the compass passport check',
  'kubectl get secrets -n shop',
  'token: ***',
];

describe('credential shapes', () => {
  it('has a corpus of at least 60 shapes and 20 harmless lines', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(60);
    expect(harmless.length).toBeGreaterThanOrEqual(20);
  });

  for (const [name, line, canary, kept] of shapes) {
    it(`masks ${name}`, () => {
      const out = redactText(line);
      expect(out).not.toContain(canary);
      expect(out).toContain(MASK);
      for (const text of kept) expect(out).toContain(text);
    });
  }

  for (const line of harmless) {
    it(`leaves alone: ${line.split('\n')[0]}`, () => {
      expect(redactText(line)).toBe(line);
    });
  }

  it('masks the canary with any mask the caller chooses, and a second pass changes nothing', () => {
    for (const [, line, canary] of shapes) {
      const once = redactText(line, [], '***redacted***');
      expect(once).not.toContain(canary);
      expect(redactText(once, [], '***redacted***')).toBe(once);
    }
  });
});
