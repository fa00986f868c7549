import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  compileScenario,
  EncounterSession,
  loadScenario,
  score,
  type LoadResult,
} from '../../src/engine/index.ts';
import { ASSET_KEYS, fixtureText } from '../helpers/scenarios.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

function allPaths(value: Json, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value))
    value.forEach((item, i) => paths.push(...allPaths(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      paths.push(...allPaths(item, [...prefix, key]));
  }
  return paths;
}

type Mutation =
  | { kind: 'delete'; path: number }
  | { kind: 'replace'; path: number; value: Json }
  | { kind: 'duplicate'; path: number }
  | { kind: 'rename'; path: number; name: string };

/** Applies a mutation to a deep copy; paths are indexes into the original's path list. */
function mutate(root: Json, paths: Path[], mutation: Mutation): Json {
  const copy = structuredClone(root);
  const path = paths[mutation.path % paths.length] ?? [];
  if (path.length === 0) return mutation.kind === 'replace' ? mutation.value : copy;
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1] as string | number;
  let parent: Json | undefined = copy;
  for (const part of parentPath) {
    if (parent === null || typeof parent !== 'object') return copy;
    parent = (parent as Record<string | number, Json>)[part];
  }
  // An earlier mutation may have removed or replaced what this path led through.
  if (parent === null || parent === undefined || typeof parent !== 'object') return copy;
  const container = parent as Record<string | number, Json>;
  switch (mutation.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete container[key];
      break;
    case 'replace':
      container[key] = mutation.value;
      break;
    case 'duplicate':
      if (Array.isArray(parent))
        parent.splice(Number(key), 0, structuredClone(parent[Number(key)] as Json));
      break;
    case 'rename':
      if (!Array.isArray(parent) && typeof key === 'string') {
        container[mutation.name] = container[key] as Json;
        delete container[key];
      }
      break;
  }
  return copy;
}

const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), path: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    path: fc.nat(),
    value: fc.jsonValue() as fc.Arbitrary<Json>,
  }),
  fc.record({
    kind: fc.constant('replace' as const),
    path: fc.nat(),
    value: fc.constantFrom<Json>(
      '',
      'restraint',
      'rolled',
      'death',
      'assess',
      'observe',
      'write',
      -1,
      0,
      1e9,
      true,
      [],
      {},
    ),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), path: fc.nat() }),
  fc.record({
    kind: fc.constant('rename' as const),
    path: fc.nat(),
    name: fc.string({ maxLength: 12 }),
  }),
);

/** Whatever the input, the loader answers with a scenario or with placed, explained problems. */
function expectWellFormed(result: LoadResult) {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    expect(problem.message.length).toBeGreaterThan(5);
    expect(problem.fix.length).toBeGreaterThan(5);
  }
}

/** A scenario the validator accepts must also compile, play to the end and score. */
function expectPlayable(result: LoadResult) {
  if (!result.ok) return;
  const compiled = compileScenario(result.scenario);
  const session = new EncounterSession(compiled);
  session.input({ type: 'trainee.signal' }, 1);
  session.advanceTo(10_000);
  session.input({ type: 'report.submit', items: [] }, 10_000);
  const result2 = score(compiled, session.log);
  expect(result2.outcome.points).toBeGreaterThanOrEqual(0);
  expect(result2.process.points).toBeLessThanOrEqual(100);
}

describe.each(['minimal.yaml', 'lawful.yaml'])('Random damage to %s', (fixture) => {
  const text = fixtureText(fixture);
  const original = parse(text) as Json;
  const paths = allPaths(original);

  it('gives validation problems, never a crash, for changed fields', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        const damaged = mutations.reduce((value, m) => mutate(value, paths, m), original);
        const result = loadScenario(stringify(damaged), fixture, { assetKeys: ASSET_KEYS });
        expectWellFormed(result);
        expectPlayable(result);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('gives validation problems, never a crash, for damaged text', () => {
    const edit = fc.record({
      at: fc.nat({ max: text.length }),
      cut: fc.nat({ max: 20 }),
      insert: fc.string({ maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const damaged = edits.reduce(
          (t, e) => t.slice(0, e.at) + e.insert + t.slice(e.at + e.cut),
          text,
        );
        const result = loadScenario(damaged, fixture, { assetKeys: ASSET_KEYS });
        expectWellFormed(result);
        expectPlayable(result);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
