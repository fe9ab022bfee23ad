// Picks and initializes the tfjs backend rnnkit runs on.
//   Node:    tensorflow (if @tensorflow/tfjs-node is installed) → wasm (if
//            @tensorflow/tfjs-backend-wasm is installed; its .wasm binary is read from that
//            package's dist/ folder in node_modules, no network) → cpu.
//   Browser: webgl → wasm → cpu.
// A backend is used when its package is already imported (registered with tfjs) or can be
// imported now, and it initializes. A forced choice (option `backend`, or RNNKIT_BACKEND in
// Node) that cannot be used fails with BACKEND_UNAVAILABLE instead of falling back.
// Bundlers cannot see the computed imports below: in a bundled browser app, import the backend
// packages you want (e.g. `import '@tensorflow/tfjs-backend-webgl'`) and they are picked up.

import { findBackendFactory, getBackend, ready, setBackend } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';

/** Backends rnnkit knows how to load. Other names work if their package is already imported. */
export type BackendName = 'tensorflow' | 'webgl' | 'wasm' | 'cpu' | 'webgpu';

/** Where tfjs runs. */
export type BackendEnvironment = 'node' | 'browser';

/** The npm package that registers each backend. */
export const BACKEND_PACKAGES: Readonly<Record<BackendName, string>> = {
  tensorflow: '@tensorflow/tfjs-node',
  webgl: '@tensorflow/tfjs-backend-webgl',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
};

/** The order `initBackend` tries backends in when none is forced. */
export const DEFAULT_BACKEND_ORDER: Readonly<Record<BackendEnvironment, readonly BackendName[]>> = {
  node: ['tensorflow', 'wasm', 'cpu'],
  browser: ['webgl', 'wasm', 'cpu'],
};

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Force a backend, or `'auto'` to take the first usable one of `order`. In Node, an unset or
   * `'auto'` value defers to the `RNNKIT_BACKEND` environment variable when that is set.
   * @default 'auto'
   */
  backend?: BackendName | 'auto' | (string & {});
  /**
   * Backends to try, in order, when none is forced.
   * @default DEFAULT_BACKEND_ORDER[environment]
   */
  order?: readonly string[];
  /**
   * Where the wasm backend fetches its `.wasm` files: a URL prefix ending in `/`, or a map
   * from file name to URL (tfjs `setWasmPaths`). Not needed in Node.
   * @default undefined (Node: the package's dist folder; browser: next to the script)
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * Which environment's order to use.
   * @default detected: 'node' when `process.versions.node` is set and there is no `window`
   */
  environment?: BackendEnvironment;
  /**
   * Environment variables (read for `RNNKIT_BACKEND` in Node).
   * @default process.env in Node, {} in a browser
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Loads a backend package by name; injected in tests.
   * @default (specifier) => import(specifier)
   */
  importModule?: (specifier: string) => Promise<unknown>;
}

/** What {@link initBackend} chose. */
export interface BackendInfo {
  /** The active tfjs backend. */
  name: string;
  environment: BackendEnvironment;
  /** True when the backend was forced (option or RNNKIT_BACKEND) rather than picked. */
  forced: boolean;
  /** Backends tried before `name`, and why each was passed over. */
  skipped: { name: string; reason: string }[];
}

function detectEnvironment(): BackendEnvironment {
  const nodeVersion = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return typeof nodeVersion === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined' ? 'node' : 'browser';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

const defaultImport = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ /* webpackIgnore: true */ specifier);

/** Registers `name` with tfjs (importing its package if needed) and makes it active; null on success, else why not. */
async function tryBackend(name: string, options: InitBackendOptions): Promise<string | null> {
  const load = options.importModule ?? defaultImport;
  const specifier = (BACKEND_PACKAGES as Record<string, string>)[name];
  let module: unknown = null;
  if (specifier && (findBackendFactory(name) === null || (name === 'wasm' && options.wasmPaths !== undefined))) {
    try {
      module = await load(specifier);
    } catch (error) {
      if (findBackendFactory(name) === null) return `${specifier} could not be imported (${message(error)})`;
    }
  }
  if (findBackendFactory(name) === null) return specifier ? `${specifier} did not register '${name}'` : 'not registered with tfjs';
  if (name === 'wasm' && options.wasmPaths !== undefined) {
    const setWasmPaths = (module as { setWasmPaths?: (paths: string | Record<string, string>) => void } | null)?.setWasmPaths;
    if (typeof setWasmPaths !== 'function') return 'wasmPaths was given but setWasmPaths could not be loaded';
    try {
      setWasmPaths(options.wasmPaths);
    } catch (error) {
      return `setWasmPaths failed (${message(error)})`;
    }
  }
  try {
    if (!(await setBackend(name))) return 'it failed to initialize';
    await ready();
  } catch (error) {
    return `it failed to initialize (${message(error)})`;
  }
  return null;
}

/**
 * Chooses, loads and initializes a tfjs backend, and reports which one runs.
 *
 * @example
 * ```ts
 * import { initBackend } from '@rnnkit/core';
 *
 * const { name } = await initBackend();            // Node: 'wasm' if installed, else 'cpu'
 * await initBackend({ backend: 'cpu' });           // force one (or RNNKIT_BACKEND=cpu)
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const environment = options.environment ?? detectEnvironment();
  const env = options.env ?? (environment === 'node' ? ((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {}) : {});
  const fromEnv = environment === 'node' ? env['RNNKIT_BACKEND']?.trim() || undefined : undefined;
  const requested = options.backend !== undefined && options.backend !== 'auto' ? options.backend : fromEnv !== 'auto' ? fromEnv : undefined;
  const source = options.backend !== undefined && options.backend !== 'auto' ? 'option backend' : 'RNNKIT_BACKEND';

  if (requested !== undefined) {
    if (!(requested in BACKEND_PACKAGES) && findBackendFactory(requested) === null) {
      throw new RnnkitError(
        'INVALID_ARGUMENT',
        `initBackend: unknown backend '${requested}' (from ${source}); expected one of ${Object.keys(BACKEND_PACKAGES).join(', ')} or a backend already registered with tfjs`,
        { backend: requested },
      );
    }
    const reason = await tryBackend(requested, options);
    if (reason !== null) {
      const hint = requested in BACKEND_PACKAGES ? `; install ${(BACKEND_PACKAGES as Record<string, string>)[requested]} or choose another backend` : '';
      throw new RnnkitError('BACKEND_UNAVAILABLE', `initBackend: backend '${requested}' (from ${source}) is not available in ${environment}: ${reason}${hint}`, {
        backend: requested,
        environment,
      });
    }
    return { name: getBackend(), environment, forced: true, skipped: [] };
  }

  const skipped: BackendInfo['skipped'] = [];
  for (const name of options.order ?? DEFAULT_BACKEND_ORDER[environment]) {
    const reason = await tryBackend(name, options);
    if (reason === null) return { name: getBackend(), environment, forced: false, skipped };
    skipped.push({ name, reason });
  }
  throw new RnnkitError(
    'BACKEND_UNAVAILABLE',
    `initBackend: no tfjs backend could be initialized in ${environment}: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`,
    { environment, skipped },
  );
}
