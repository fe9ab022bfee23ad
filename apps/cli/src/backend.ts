// --backend auto|cpu|wasm. The wasm backend's .wasm file is read from node_modules
// (@tensorflow/tfjs-backend-wasm/dist), never fetched from the network.

import '@tensorflow/tfjs-backend-cpu';
import { getBackend, setBackend } from '@tensorflow/tfjs-core';
import { CliError } from './cli-error.js';

/** Values of --backend. */
export type BackendChoice = 'auto' | 'cpu' | 'wasm';

/** The accepted values of --backend, for the option's choices. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'cpu', 'wasm'];

async function tryWasm(): Promise<boolean> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    return await setBackend('wasm');
  } catch {
    return false;
  }
}

/**
 * Makes `choice` the tfjs backend and returns the backend's name.
 *
 * @example
 * ```ts
 * await selectBackend('cpu'); // 'cpu'
 * ```
 */
export async function selectBackend(choice: BackendChoice): Promise<string> {
  if (choice === 'wasm' || choice === 'auto') {
    if (await tryWasm()) return getBackend();
    if (choice === 'wasm') {
      throw new CliError('other', 'the wasm backend could not be started', 'reinstall @tensorflow/tfjs-backend-wasm, or pass --backend cpu');
    }
  }
  await setBackend('cpu');
  return getBackend();
}
