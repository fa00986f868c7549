/**
 * From a YAML file's text to a validated Scenario, or every problem in it at once.
 *
 * Pass 1 is structure (YAML syntax, schemaVersion, then the zod schema); pass 2 is meaning
 * (checkScenario). Every problem is placed at its line and column in the file. Pure: no file
 * system, so the same code runs in node (CLI, tests, the Vite plugin) and in the browser.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { checkScenario, type CheckContext } from './checkScenario.ts';
import {
  closestMatch,
  formatPath,
  listChoices,
  type FieldPath,
  type ScenarioProblem,
  type UnplacedProblem,
} from './problems.ts';
import { SCENARIO_SCHEMA_VERSION, ScenarioSchema, type Scenario } from './schema.ts';

export type LoadResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly file: string }
  | { readonly ok: false; readonly problems: readonly ScenarioProblem[]; readonly file: string };

/**
 * Steps that turn a file of schemaVersion n into n + 1, keyed by n. Empty while only version 1
 * exists; a version bump adds its step here and a test with a file of the old version.
 */
const MIGRATIONS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

/** Pure: parses, migrates, validates and checks one scenario file's text. Never throws. */
export function loadScenario(text: string, file: string, context: CheckContext): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const place = (problem: UnplacedProblem): ScenarioProblem =>
    placeProblem(problem, doc, lineCounter, file);

  if (doc.errors.length > 0) {
    return {
      ok: false,
      file,
      problems: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return {
          file,
          line: Math.max(line, 1),
          column: Math.max(col, 1),
          path: '(yaml)',
          message: `the YAML does not parse: ${firstLine(error.message)}.`,
          fix: yamlFix(error.code, error.message),
        };
      }),
    };
  }

  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      file,
      problems: [
        place({
          path: [],
          message:
            'the file is not a scenario: its top level must be a set of fields (id, title, ...).',
          fix: 'start from the complete example in scenarios/README.md.',
        }),
      ],
    };
  }

  const versioned = checkSchemaVersion(raw as Record<string, unknown>);
  if (!versioned.ok) return { ok: false, file, problems: [place(versioned.problem)] };

  const parsed = ScenarioSchema.safeParse(versioned.migrated);
  if (!parsed.success) {
    return {
      ok: false,
      file,
      problems: sortProblems(
        parsed.error.issues.flatMap((issue) => describeIssue(issue, raw)).map(place),
      ),
    };
  }

  const meaning = checkScenario(parsed.data, context);
  if (meaning.length > 0) return { ok: false, file, problems: sortProblems(meaning.map(place)) };
  return { ok: true, scenario: parsed.data, file };
}

function checkSchemaVersion(
  raw: Record<string, unknown>,
): { ok: true; migrated: Record<string, unknown> } | { ok: false; problem: UnplacedProblem } {
  const version = raw['schemaVersion'];
  if (version === undefined) {
    return {
      ok: false,
      problem: {
        path: [],
        message:
          'the file has no schemaVersion, so the game cannot tell which format it is written in.',
        fix: `add "schemaVersion: ${SCENARIO_SCHEMA_VERSION}" as the first field.`,
      },
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      problem: {
        path: ['schemaVersion'],
        message: `schemaVersion must be a whole number from 1, but it is ${JSON.stringify(version)}.`,
        fix: `write "schemaVersion: ${SCENARIO_SCHEMA_VERSION}".`,
      },
    };
  }
  if (version > SCENARIO_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: {
        path: ['schemaVersion'],
        message: `the file is written in scenario format ${version}, but this copy of the game reads formats up to ${SCENARIO_SCHEMA_VERSION}.`,
        fix: `update the game to a release that reads format ${version}, or rewrite the file in format ${SCENARIO_SCHEMA_VERSION} (see scenarios/README.md, "Versions").`,
      },
    };
  }
  let migrated = raw;
  for (let from = version; from < SCENARIO_SCHEMA_VERSION; from++) {
    const step = MIGRATIONS[from];
    if (step) migrated = { ...step(migrated), schemaVersion: from + 1 };
  }
  return { ok: true, migrated };
}

/** Turns one zod issue into problems an author can act on. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): UnplacedProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = lastField(path);
  const value = valueAt(raw, path);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path);
      return issue.keys.map((key) => {
        const guess = closestMatch(key, allowed);
        return {
          path: [...path, key],
          atKey: true,
          message: `unknown field "${key}".`,
          fix: guess
            ? `did you mean "${guess}"? Rename it.`
            : `remove it, or use one of the fields allowed here: ${listChoices(allowed)}.`,
        };
      });
    }
    case 'invalid_type': {
      if (value === undefined) {
        // A misspelled field is reported once, as the unknown field with its suggestion.
        const parent = valueAt(raw, path.slice(0, -1));
        const allowed = allowedKeysAt(path.slice(0, -1));
        const misspelled =
          parent !== null && typeof parent === 'object'
            ? Object.keys(parent).some(
                (key) => !allowed.includes(key) && closestMatch(key, allowed) === field,
              )
            : false;
        if (misspelled) return [];
        return [
          {
            path: path.slice(0, -1),
            message: `missing required field "${field}".`,
            fix: `add "${field}:" with ${article(issue.expected)} (see scenarios/README.md).`,
          },
        ];
      }
      return [
        {
          path,
          message: `"${field}" should be ${article(issue.expected)}, but it is ${describeValue(value)}.`,
          fix: typeFix(issue.expected, field),
        },
      ];
    }
    case 'invalid_value': {
      const choices = issue.values.map(String);
      const guess = typeof value === 'string' ? closestMatch(value, choices) : undefined;
      return [
        {
          path,
          message: `${describeValue(value)} is not a valid ${field}.`,
          fix: guess ? `did you mean "${guess}"?` : `use one of: ${listChoices(choices)}.`,
        },
      ];
    }
    case 'invalid_format': {
      const suggestion = typeof value === 'string' ? toKebab(value) : '';
      return [
        {
          path,
          message: `${describeValue(value)} is not a valid ${field}: ${issue.message}.`,
          fix: suggestion ? `write it as "${suggestion}".` : 'rename it.',
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      if (issue.origin === 'array') {
        return [
          {
            path,
            message: `"${field}" needs ${bound} ${String(limit)} entries, but has ${Array.isArray(value) ? value.length : 0}.`,
            fix:
              issue.code === 'too_small'
                ? `add entries to "${field}".`
                : `remove entries from "${field}".`,
          },
        ];
      }
      if (issue.origin === 'string') {
        return [
          {
            path,
            message: `"${field}" is empty.`,
            fix: `write some text for "${field}", or remove the field if it is optional.`,
          },
        ];
      }
      return [
        {
          path,
          message: `"${field}" is ${describeValue(value)}: ${issue.message}.`,
          fix: `use a number ${bound} ${String(limit)}.`,
        },
      ];
    }
    case 'invalid_union':
      return [
        {
          path,
          message: `"${field}" must name exactly one place to go: a segment or an outcome.`,
          fix: `write "${field}: { segment: some-segment-id }" or "${field}: { outcome: some-outcome-id }".`,
        },
      ];
    default:
      return [{ path, message: `${issue.message}.`, fix: 'see the field in scenarios/README.md.' }];
  }
}

/** Field names the schema allows in the object at `path`, for "did you mean" suggestions. */
function allowedKeysAt(path: FieldPath): string[] {
  let schema: unknown = ScenarioSchema;
  for (const part of path) {
    schema = unwrap(schema);
    const node = schema as {
      element?: unknown;
      shape?: Record<string, unknown>;
      def?: { valueType?: unknown };
    };
    if (typeof part === 'number') schema = node.element;
    else schema = node.shape ? node.shape[part] : node.def?.valueType;
  }
  schema = unwrap(schema);
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { unwrap?: () => unknown; def?: { innerType?: unknown } } | undefined;
  for (let i = 0; i < 8 && current; i++) {
    const inner = current.def?.innerType;
    if (inner === undefined) break;
    current = inner as typeof current;
  }
  return current;
}

function placeProblem(
  problem: UnplacedProblem,
  doc: Document,
  lineCounter: LineCounter,
  file: string,
): ScenarioProblem {
  const offset = locate(doc, problem.path, problem.atKey ?? false);
  const { line, col } = lineCounter.linePos(offset);
  return {
    file,
    line: Math.max(line, 1),
    column: Math.max(col, 1),
    path: formatPath(problem.path),
    message: problem.message,
    fix: problem.fix,
  };
}

/** The offset of the text for `path`, or of its nearest existing ancestor. */
function locate(doc: Document, path: FieldPath, atKey: boolean): number {
  let node: Node | null | undefined = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (!pair) break;
      const isLast = i === path.length - 1;
      const keyNode = pair.key as Node;
      if (isLast && atKey) return keyNode.range?.[0] ?? offset;
      node = pair.value as Node | null;
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  return [...problems].sort(
    (a, b) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path),
  );
}

function valueAt(raw: unknown, path: FieldPath): unknown {
  let current: unknown = raw;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function lastField(path: FieldPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const part = path[i];
    if (typeof part === 'string') return part;
  }
  return 'value';
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (typeof value === 'string')
    return `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'nothing';
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a set of fields',
  };
  return words[expected] ?? expected;
}

function typeFix(expected: string, field: string): string {
  switch (expected) {
    case 'number':
      return `write a number without quotes, e.g. "${field}: 15".`;
    case 'boolean':
      return `write "${field}: true" or "${field}: false".`;
    case 'string':
      return `write text; put it in quotes if it contains a colon or starts with a symbol.`;
    case 'array':
      return `write a list: each entry on its own line starting with "- ".`;
    case 'object':
      return `write indented "name: value" fields under "${field}:".`;
    default:
      return 'see the field in scenarios/README.md.';
  }
}

function toKebab(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/[.:]\s*$/, '');
}

function yamlFix(code: string, message: string): string {
  if (/quote/i.test(message))
    return 'close the quotation mark on this line, or remove the opening one.';
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a field appears twice in the same place: keep one.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: fields at the same level line up, with spaces, not tabs.';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs.';
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a value probably contains a colon: put it in quotes, or use ">" for multi-line text.';
    default:
      return 'put text containing ":" or "#" in quotes, and check the indentation.';
  }
}
