import { DeploymentHealth } from './deployment-health.js';
import { describeDeploymentStateStore } from '../../test/support/describe-deployment-state-store.js';

describeDeploymentStateStore('DeploymentHealth', () => {
  let now = 1_700_000_000_000;
  return {
    store: new DeploymentHealth(() => now),
    advance: (ms) => {
      now += ms;
    },
  };
});
