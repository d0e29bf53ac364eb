import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import type { RouteDependencies } from '../route-dependencies.js';
import { createHealthRoutes } from './health-routes.js';

function readyz(state: { ready: boolean; shuttingDown: boolean }) {
  const deps = {
    lifecycle: state,
    registry: { providers: [{ instanceName: 'azure' }], defaultInstance: 'azure' },
  } as unknown as RouteDependencies;
  const ctx = { status: 0, body: undefined } as unknown as Context;
  createHealthRoutes(deps).readyz(ctx);
  return [ctx.status, ctx.body];
}

describe('/readyz', () => {
  it('is 200 once plugins are loaded, 503 before and while shutting down', () => {
    expect(readyz({ ready: true, shuttingDown: false })).toEqual([
      200,
      { status: 'ready', providers: ['azure'], defaultProvider: 'azure' },
    ]);
    expect(readyz({ ready: false, shuttingDown: false })).toEqual([
      503,
      { status: 'starting', providers: ['azure'], defaultProvider: 'azure' },
    ]);
    expect(readyz({ ready: true, shuttingDown: true })).toEqual([
      503,
      { status: 'shutting_down', providers: ['azure'], defaultProvider: 'azure' },
    ]);
  });
});
