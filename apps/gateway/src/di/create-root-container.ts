import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../config/gateway-settings.js';
import { LifecycleState } from '../services/lifecycle-state.js';
import type { ProviderRegistry } from '../services/provider-registry.js';
import type { KeyServices } from '../keys/create-key-services.js';
import { KEY_SERVICES, LIFECYCLE, LOGGER, PROVIDER_REGISTRY, SETTINGS } from './tokens.js';

/** The gateway's container: instances only, registered once at startup, in a child so tests stay isolated. */
export function createRootContainer(
  settings: GatewaySettings,
  logger: Logger,
  registry: ProviderRegistry,
  keys: KeyServices,
): DependencyContainer {
  const container = rootContainer.createChildContainer();
  container.registerInstance(SETTINGS, settings);
  container.registerInstance(LOGGER, logger);
  container.registerInstance(PROVIDER_REGISTRY, registry);
  container.registerInstance(LIFECYCLE, new LifecycleState());
  container.registerInstance(KEY_SERVICES, keys);
  return container;
}
