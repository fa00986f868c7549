/**
 * What goes wrong in a scenario file, said so that an author can fix it without reading code:
 * where (file, line, column, field path), what is wrong, and how to fix it.
 */

export type FieldPath = ReadonlyArray<string | number>;

export interface ScenarioProblem {
  /** The file as the author knows it, e.g. `scenarios/s1-prone-restraint.yaml`. */
  readonly file: string;
  /** 1-based line and column of the offending text (the nearest enclosing field when missing). */
  readonly line: number;
  readonly column: number;
  /** The field, written the way it reads in the file: `segments[0].beats[2].speaker`. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** A problem found before positions are known: the loader places it in the file. */
export interface UnplacedProblem {
  readonly path: FieldPath;
  readonly message: string;
  readonly fix: string;
  /** Point at the key itself rather than its value (unknown or misspelled fields). */
  readonly atKey?: boolean;
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(file)' : out;
}

/** One line per problem: `file:line:column path: message Fix: fix`. */
export function formatProblem(problem: ScenarioProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.path}: ${problem.message} Fix: ${problem.fix}`;
}

/** The closest of `candidates` to `word`, if it is close enough to be a likely typo. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  // A field with a word added ("atTime" for "at") is a likely slip too.
  const lower = word.toLowerCase();
  const contained = list.filter(
    (c) => c.length >= 2 && (lower.startsWith(c.toLowerCase()) || lower.endsWith(c.toLowerCase())),
  );
  if (contained.length > 0) return contained.sort((a, b) => b.length - a.length)[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** "a, b or c" for fix messages. */
export function listChoices(choices: readonly string[]): string {
  if (choices.length === 0) return '(none defined yet)';
  if (choices.length === 1) return `"${choices[0]}"`;
  const quoted = choices.map((c) => `"${c}"`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
