/**
 * Builds the game with Vite's JS API into a temporary folder and serves it with `vite preview` as
 * a child process: the same static files an academy would put on its web server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from '../../../tools/scenarioFiles.ts';

export interface PreviewServer {
  readonly url: string;
  readonly outDir: string;
  stop(): Promise<void>;
}

/** A production build of the project into a fresh temporary folder; returns that folder. */
export async function buildGame(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'dti-e2e-'));
  // Vitest runs with NODE_ENV=test, and Vite would then build a non-production bundle.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      root: PROJECT_ROOT,
      configFile: join(PROJECT_ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return outDir;
}

/** A port nobody is listening on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a probe server'));
        return;
      }
      server.close(() => {
        resolvePort(address.port);
      });
    });
  });
}

/**
 * Starts `vite preview` on the built folder with node directly (not npx: killing npx would leave
 * the real server holding the port) and waits until it answers.
 */
export async function startPreview(outDir: string, timeoutMs = 60_000): Promise<PreviewServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(
    process.execPath,
    [
      join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'preview',
      '--host',
      '127.0.0.1',
      '--strictPort',
      '--port',
      String(port),
      '--outDir',
      outDir,
    ],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server: PreviewServer = { url, outDir, stop: () => stopChild(child) };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`vite preview exited with code ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  await server.stop();
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms:\n${output}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

export function removeBuild(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
}
