// Test-injected faults on the Management API server (`/api/v2/…` and `/oauth/token`). Each request spends the
// first matching fault that fires: a fault fires every time (`probability` 1) or at random with its probability,
// drawn from its own seeded generator, so a run with the same seeds and the same requests fires on the same
// requests. A fault either answers (delayed by `delayMs`, with its `status` — or handled normally when it has no
// status), or lets the request be handled and then withholds the answer ("timeout-after-handling"): the change is
// made, but the client waits `delayMs` and then loses the connection, as when Auth0 commits and the reply is lost.

export type FaultKind = "respond" | "timeout-after-handling";

export type Fault = {
  kind: FaultKind;
  method?: string;
  /** A regular expression tested against the path (without the query string). */
  pathPattern: string;
  status?: number;
  delayMs?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Uses left; `null` for a fault that stays until the faults are cleared. */
  remaining: number | null;
  probability: number;
  /** The generator's seed, for a fault with a probability below 1. */
  seed?: number;
};

/** mulberry32: a small, well-mixed 32-bit generator; the same seed gives the same sequence in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type ActiveFault = { fault: Fault; draw: () => number };

export class Faults {
  private active: ActiveFault[] = [];
  private added = 0;

  /** `defaultSeed` (EMULATOR_FAULT_SEED) seeds the n-th fault added since the last clear with `defaultSeed + n`. */
  constructor(private readonly defaultSeed: number | undefined) {}

  /** Adds a fault; a probabilistic one without a seed gets one, answered back so the run can be repeated. */
  add(spec: Fault): Fault {
    const index = this.added++;
    const seed = spec.probability < 1 ? (spec.seed ?? this.defaultSeedFor(index)) : undefined;
    const fault: Fault = { ...spec, ...(seed === undefined ? {} : { seed }) };
    this.active.push({ fault, draw: seededRandom(seed ?? 0) });
    return fault;
  }

  clear(): void {
    this.active = [];
    this.added = 0;
  }

  /** The fault this request spends, if any. */
  take(method: string, path: string): Fault | undefined {
    const index = this.active.findIndex(({ fault, draw }) => {
      if (fault.method && fault.method !== method) return false;
      if (!new RegExp(fault.pathPattern).test(path)) return false;
      return fault.probability >= 1 || draw() < fault.probability;
    });
    if (index < 0) return undefined;
    const { fault } = this.active[index]!;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining === 0) this.active.splice(index, 1);
    }
    return fault;
  }

  private defaultSeedFor(index: number): number {
    return this.defaultSeed === undefined ? Math.floor(Math.random() * 2 ** 32) : (this.defaultSeed + index) >>> 0;
  }
}
