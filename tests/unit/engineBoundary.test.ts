import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/scenarioFiles.ts';

// A probe file inside src/engine, linted with the project's own config, then removed.
const probeDir = mkdtempSync(join(PROJECT_ROOT, 'src', 'engine', 'lint-probe-'));
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

async function lintEngineFile(code: string): Promise<string[]> {
  const file = join(probeDir, 'probe.ts');
  writeFileSync(file, code);
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((m) => m.message);
}

describe('The engine boundary', () => {
  it('rejects Phaser, Howler and Zustand inside src/engine', async () => {
    const messages = await lintEngineFile(
      "import Phaser from 'phaser';\nexport const game = Phaser;\n",
    );
    expect(messages.join('\n')).toContain(
      'src/engine is pure TypeScript: no Phaser, Howler or Zustand',
    );
  }, 60_000);

  it('rejects imports from the rooms above the engine', async () => {
    const messages = await lintEngineFile(
      "import { renderScenarioList } from '../../ui/scenarioList.ts';\nexport const list = renderScenarioList;\n",
    );
    expect(messages.join('\n')).toContain('src/engine never imports upward');
  }, 60_000);

  it('rejects the DOM inside src/engine', async () => {
    const messages = await lintEngineFile('export const title = document.title;\n');
    expect(messages.join('\n')).toContain('src/engine has no DOM');
  }, 60_000);
});
