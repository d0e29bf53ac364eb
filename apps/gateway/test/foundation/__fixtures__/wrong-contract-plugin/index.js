// Written against a future contract: the gateway must refuse it at startup.
export default {
  contractVersion: 2,
  name: 'wrong',
  packageName: 'wrong-contract-plugin',
  version: '2.0.0',
  parseOptions: () => ({}),
  createProvider: () => ({}),
};
