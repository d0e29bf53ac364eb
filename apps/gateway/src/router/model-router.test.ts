import { describe, expect, it } from 'vitest';
import type { ModelGroupSettings } from '../config/gateway-settings.js';
import { ROUTER_DEFAULTS } from '../config/router-section-schema.js';
import type { DeploymentStateStore } from './deployment-state-store.js';
import { ModelRouter } from './model-router.js';

const group = (name: string, targets: string[]): ModelGroupSettings => ({
  name,
  deployments: targets.map((target) => ({ target, weight: 1 })),
  fallbacks: [],
  strategy: 'balanced',
  router: ROUTER_DEFAULTS,
});

describe('ModelRouter.groupOf', () => {
  const router = new ModelRouter(
    new Map([['sonnet', group('sonnet', ['google/gemini-2.5-pro', 'vertex/gemini-2.5-pro'])]]),
    new Map([
      ['claude-sonnet-*', 'sonnet'],
      ['smart', 'sonnet'],
      ['claude-*', 'google/gemini-2.5-flash'],
    ]),
    // groupOf never touches the state store.
    {} as DeploymentStateStore,
  );

  it('finds a group by its name, an exact route to it, or the longest glob route to it', () => {
    expect(router.groupOf('sonnet')?.settings.name).toBe('sonnet');
    expect(router.groupOf('smart')?.settings.name).toBe('sonnet');
    expect(router.groupOf('claude-sonnet-4-5-20250929')?.settings.name).toBe('sonnet');
  });

  it('leaves routes to an instance/model and unrouted models to the single dispatch', () => {
    expect(router.groupOf('claude-haiku-4-5-20251001')).toBeUndefined();
    expect(router.groupOf('gpt-4o')).toBeUndefined();
  });
});
