import { DeploymentHealth } from '../router/deployment-health.js';
import type { DeploymentStateStore } from '../router/deployment-state-store.js';
import type { StateConnection } from './open-state-connection.js';
import { RedisDeploymentStateStore } from './redis-deployment-state-store.js';

/** The store `state.store` names: this process's memory (default) or Redis shared by replicas. */
export function createDeploymentStateStore(
  connection: StateConnection | undefined,
): DeploymentStateStore {
  if (connection === undefined) return new DeploymentHealth();
  return new RedisDeploymentStateStore({ redis: connection.redis, errors: connection.errors });
}
