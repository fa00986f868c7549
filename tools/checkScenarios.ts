/**
 * `npm run scenarios:check [files...]`: validates scenario files for authors. Prints every
 * problem as file:line:column, the field, what is wrong and how to fix it; exits 1 if any file
 * is broken. With no arguments it checks every file in scenarios/.
 */
import { resolve } from 'node:path';
import { formatProblem } from '../src/engine/index.ts';
import { loadScenarioFiles, scenarioFilesIn } from './scenarioFiles.ts';

const args = process.argv.slice(2);
const files = args.length > 0 ? args.map((arg) => resolve(arg)) : scenarioFilesIn();
const results = loadScenarioFiles(files);
let problemCount = 0;
for (const result of results) {
  if (result.ok) {
    console.log(`ok      ${result.file}  (${result.scenario.title})`);
  } else {
    problemCount += result.problems.length;
    console.log(
      `BROKEN  ${result.file}  (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`,
    );
    for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
  }
}
const broken = results.filter((r) => !r.ok).length;
console.log(
  `\n${results.length} file${results.length === 1 ? '' : 's'} checked: ${results.length - broken} ok, ${broken} broken, ${problemCount} problem${problemCount === 1 ? '' : 's'}.`,
);
process.exitCode = broken > 0 ? 1 : 0;
