// The conformance kit for provider plugin authors (`@multi-ai-proxy/core/testing`).
export { checkPluginManifest } from './check-plugin-manifest.js';
export { createTestCallContext } from './create-test-call-context.js';
export { createTestPluginContext } from './create-test-plugin-context.js';
export { silentLogger } from './silent-logger.js';
