/**
 * One production build and one preview server for every browser test: building takes longer
 * than most tests, so it happens once per run. Tests read the address with inject('baseUrl').
 */
import type { TestProject } from 'vitest/node';
import { buildGame, removeBuild, startPreview } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = await buildGame();
  const server = await startPreview(outDir);
  project.provide('baseUrl', server.url);
  return async () => {
    await server.stop();
    removeBuild(outDir);
  };
}
