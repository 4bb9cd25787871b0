// Test values for the Worker's bindings inside the pool (canaries, never real secrets).
export const TEST_ALERTMANAGER_TOKEN = 'am-test-token-0123456789';
export const TEST_ARGOCD_TOKEN = 'argocd-test-token-0123456789';
export const TEST_QSTASH_CURRENT_KEY = 'sig_test_current_0123456789';
export const TEST_QSTASH_NEXT_KEY = 'sig_test_next_0123456789';
export const TEST_SLACK_SIGNING_SECRET = 'slack-signing-test-0123456789';

export const testBindings = {
  ALERTMANAGER_TOKEN: TEST_ALERTMANAGER_TOKEN,
  ARGOCD_TOKEN: TEST_ARGOCD_TOKEN,
  QSTASH_TOKEN: 'qstash-test-token',
  // Nothing listens here: publishing fails, which is what the 5xx test wants.
  QSTASH_URL: 'http://127.0.0.1:9',
  QSTASH_CURRENT_SIGNING_KEY: TEST_QSTASH_CURRENT_KEY,
  QSTASH_NEXT_SIGNING_KEY: TEST_QSTASH_NEXT_KEY,
  SLACK_SIGNING_SECRET: TEST_SLACK_SIGNING_SECRET,
};
