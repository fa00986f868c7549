/**
 * Vite plugin: `import catalog from 'virtual:scenarios'` gives the game every scenario file,
 * validated at build time (and again on every edit in the dev server). Valid scenarios arrive as
 * data; broken files arrive with their problems so the menu can list them for authors. The
 * browser never ships a YAML parser.
 *
 * `import manifest from 'virtual:asset-manifest'` gives assets/manifest.json, validated and with
 * its defaults filled in, so the browser ships neither the validator nor a file from the public
 * folder (which Vite refuses to import).
 */
import type { Plugin } from 'vite';
import {
  MANIFEST_PATH,
  SCENARIO_DIR,
  loadScenarioFiles,
  readAssetManifest,
  scenarioFilesIn,
} from './scenarioFiles.ts';

const VIRTUAL_ID = 'virtual:scenarios';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const MANIFEST_ID = 'virtual:asset-manifest';
const RESOLVED_MANIFEST_ID = `\0${MANIFEST_ID}`;

export function scenarioPlugin(): Plugin {
  return {
    name: 'dti-scenarios',
    resolveId(id) {
      if (id === VIRTUAL_ID) return RESOLVED_ID;
      return id === MANIFEST_ID ? RESOLVED_MANIFEST_ID : undefined;
    },
    load(id) {
      if (id === RESOLVED_MANIFEST_ID) {
        this.addWatchFile(MANIFEST_PATH);
        return `export default ${JSON.stringify(readAssetManifest())};`;
      }
      if (id !== RESOLVED_ID) return undefined;
      const files = scenarioFilesIn();
      for (const file of [...files, MANIFEST_PATH]) this.addWatchFile(file);
      const results = loadScenarioFiles(files);
      const catalog = {
        scenarios: results.flatMap((r) => (r.ok ? [{ file: r.file, scenario: r.scenario }] : [])),
        broken: results.flatMap((r) => (r.ok ? [] : [{ file: r.file, problems: r.problems }])),
      };
      return `export default ${JSON.stringify(catalog)};`;
    },
    configureServer(server) {
      // New or deleted scenario files change the catalog itself, not just a watched file.
      server.watcher.add(SCENARIO_DIR);
      const refresh = (path: string) => {
        if (!path.startsWith(SCENARIO_DIR) && path !== MANIFEST_PATH) return;
        for (const resolved of [RESOLVED_ID, RESOLVED_MANIFEST_ID]) {
          const module = server.moduleGraph.getModuleById(resolved);
          if (module) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', refresh);
      server.watcher.on('unlink', refresh);
      server.watcher.on('change', refresh);
    },
  };
}
