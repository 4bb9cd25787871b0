// The fixture cluster server: a fixture file served over the real Kubernetes REST API (docs/fixtures.md).
export {
  containerNames,
  FIXTURE_API_VERSION,
  FixtureCluster,
  FixtureError,
  loadFixture,
  loadFixtureFile,
  type PodLog,
} from './fixture.ts';
export { apiVersionOf, builtinKinds, type KindInfo } from './kinds.ts';
export {
  type FixtureServer,
  type FixtureServerOptions,
  startFixtureServer,
  writeKubeconfig,
} from './node.ts';
export { createFixtureHandler, SIM_VERSION } from './server.ts';
