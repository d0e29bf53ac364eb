// Latency samples fade with this time constant: a deployment that was slow a minute ago is not
// punished for it now.
const DECAY_MS = 10_000;

interface Load {
  inFlight: number;
  latencyMs: number;
  observedAt: number;
}

/**
 * Per-process load of each deployment, for the balanced strategy: requests in flight and a decaying
 * peak-sensitive latency average to the first byte (PeakEWMA, as Finagle, Envoy and Helicone do).
 * Kept per replica on purpose: it describes this process's view of the network.
 */
export class DeploymentLoad {
  private readonly loads = new Map<string, Load>();

  constructor(private readonly now: () => number = Date.now) {}

  /** One request went out to `id`; call the result once it has ended. */
  start(id: string): () => void {
    const load = this.loadOf(id);
    load.inFlight += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      load.inFlight -= 1;
    };
  }

  /** Time to the first byte of a successful attempt. */
  observe(id: string, latencyMs: number): void {
    const load = this.loadOf(id);
    const now = this.now();
    if (latencyMs > load.latencyMs || load.observedAt === 0) load.latencyMs = latencyMs;
    else {
      const keep = Math.exp(-(now - load.observedAt) / DECAY_MS);
      load.latencyMs = load.latencyMs * keep + latencyMs * (1 - keep);
    }
    load.observedAt = now;
  }

  /** Lower is better: latency × (in flight + 1) ÷ weight. An unknown deployment scores as fast. */
  score(id: string, weight: number): number {
    const load = this.loads.get(id);
    if (load === undefined) return 0;
    return ((load.latencyMs + 1) * (load.inFlight + 1)) / weight;
  }

  inFlightOf(id: string): number {
    return this.loads.get(id)?.inFlight ?? 0;
  }

  private loadOf(id: string): Load {
    let load = this.loads.get(id);
    if (load === undefined) {
      load = { inFlight: 0, latencyMs: 0, observedAt: 0 };
      this.loads.set(id, load);
    }
    return load;
  }
}
