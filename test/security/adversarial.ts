// Inputs that would take seconds if a redaction pattern backtracked (nested or overlapping quantifiers).
export const ADVERSARIAL_INPUTS = [
  'a'.repeat(100_000),
  'password'.repeat(12_500),
  'x=a'.repeat(33_000),
  '--a '.repeat(25_000),
  '\\"'.repeat(50_000),
  'mysql '.repeat(16_000),
  '%41'.repeat(33_000),
  `-----BEGIN PRIVATE KEY-----${'A'.repeat(100_000)}`,
  'token '.repeat(16_000),
  'https://a:'.repeat(10_000),
];
