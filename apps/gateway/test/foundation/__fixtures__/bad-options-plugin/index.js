import { InvalidPluginOptionsError } from '@multi-ai-proxy/core';

// Rejects every option set, as a plugin does when a required setting is missing.
export default {
  contractVersion: 1,
  name: 'bad',
  packageName: 'bad-options-plugin',
  version: '1.0.0',
  parseOptions: () => {
    throw new InvalidPluginOptionsError('bad', 'options.region', 'is required; set it to your region, e.g. "eu".');
  },
  createProvider: () => ({}),
};
