/**
 * The schedule bench's scenarios: tasks whose progress fields say more or less than the truth,
 * as data, and what a task answers at a given moment. Seeded, so every run and every machine sees the
 * same tasks. Times are ms on the waiter's clock, 0 being the first request.
 */

/** How a task reports: which fields, how its TotalDuration errs, how its progress grows, how often it is updated. */
interface ClassSpec {
  label: string;
  /** TotalDuration = true duration x this factor, drawn from [min, max]; absent: no durations at all. */
  estimateFactor?: readonly [number, number];
  shape: 'linear' | 'front' | 'back';
  progress: 'percentage' | 'counts';
  /** Progress fields (durations too) come from a snapshot taken every this many seconds, one of these. */
  updateEveryS: number[];
}

/** One row of the bench each: how tasks report progress, with the no-durations class split by shape. */
export const CLASSES: readonly ClassSpec[] = [
  { label: 'accurate estimate, stale readings', estimateFactor: [1, 1], shape: 'linear', progress: 'percentage', updateEveryS: [2, 3, 4, 5, 6, 7, 8, 9, 10] },
  { label: 'estimate 30-60% too long', estimateFactor: [1.3, 1.6], shape: 'linear', progress: 'percentage', updateEveryS: [1] },
  { label: 'estimate 30-60% too short', estimateFactor: [0.4, 0.7], shape: 'linear', progress: 'percentage', updateEveryS: [1] },
  { label: 'no durations, linear %', shape: 'linear', progress: 'percentage', updateEveryS: [1] },
  { label: 'no durations, front-loaded %', shape: 'front', progress: 'percentage', updateEveryS: [1] },
  { label: 'no durations, back-loaded %', shape: 'back', progress: 'percentage', updateEveryS: [1] },
  { label: 'counts only', shape: 'linear', progress: 'counts', updateEveryS: [1] },
];

/** Front-loaded progress is fraction^[0.5, 0.7] of the time, back-loaded fraction^[1.5, 2]. */
const SHAPE_EXPONENTS: Record<ClassSpec['shape'], readonly [number, number]> = { linear: [1, 1], front: [0.5, 0.7], back: [1.5, 2] };

export interface Scenario {
  spec: ClassSpec;
  /** When the task finishes, after the wait's first request: 20 s to 10 min, log-uniform. */
  finishMs: number;
  /** How long the task had run when the wait started: 0 for a third of them, else up to 5 min. */
  ranBeforeMs: number;
  estimateFactor?: number;
  exponent: number;
  updateEveryMs: number;
  /** Where the snapshot grid falls within an update period. */
  updatePhaseMs: number;
  totalCount: number;
}

/** mulberry32: a tiny seeded PRNG, enough to draw scenarios reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `perClass` seeded scenarios for each class, drawn in a fixed order. */
export function makeScenarios(seed: number, perClass: number): Scenario[][] {
  const random = seededRandom(seed);
  const between = (min: number, max: number) => min + (max - min) * random();
  const draw = (spec: ClassSpec, i: number): Scenario => {
    const updateEveryMs = 1_000 * (spec.updateEveryS[Math.floor(random() * spec.updateEveryS.length)] ?? 1);
    return {
      spec,
      finishMs: Math.round(20_000 * 30 ** random()),
      ranBeforeMs: i % 3 === 0 ? 0 : Math.round(between(10_000, 300_000)),
      estimateFactor: spec.estimateFactor && between(...spec.estimateFactor),
      exponent: between(...SHAPE_EXPONENTS[spec.shape]),
      updateEveryMs,
      updatePhaseMs: Math.round(random() * updateEveryMs),
      totalCount: Math.round(between(1e5, 1e7)),
    };
  };
  return CLASSES.map((spec) => Array.from({ length: perClass }, (_, i) => draw(spec, i)));
}

/** The StatusData the task answers with at `atMs`: progress as of its last snapshot, status as of now. */
export function statusData(scenario: Scenario, atMs: number): Record<string, unknown> {
  const totalMs = scenario.ranBeforeMs + scenario.finishMs;
  const taskMs = scenario.ranBeforeMs + atMs;
  if (taskMs >= totalMs) return { Status: 'Done', Progress: progressAt(scenario, totalMs, totalMs) };
  const { updateEveryMs: every, updatePhaseMs: phase } = scenario;
  const snapshotMs = Math.max(0, Math.floor((taskMs - phase) / every) * every + phase);
  return { Status: 'Loading', Progress: progressAt(scenario, snapshotMs, totalMs) };
}

function progressAt(scenario: Scenario, snapshotMs: number, totalMs: number): Record<string, number> {
  const fraction = Math.min(1, snapshotMs / totalMs) ** scenario.exponent;
  const progress: Record<string, number> =
    scenario.spec.progress === 'counts'
      ? { CurCount: Math.floor(fraction * scenario.totalCount), TotalCount: scenario.totalCount }
      : { Percentage: Math.round(fraction * 10_000) / 100 };
  if (scenario.estimateFactor === undefined) return progress;
  return {
    ...progress,
    TotalDuration: Math.round((totalMs * scenario.estimateFactor) / 1_000),
    CurDuration: Math.floor(snapshotMs / 1_000),
  };
}
