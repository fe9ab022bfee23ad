// --backend auto|cpu|wasm, through @rnnkit/core's initBackend (auto: wasm when it starts, else
// cpu; RNNKIT_BACKEND is honoured when --backend is auto). The CLI registers both backend
// packages it depends on first, so they resolve from its own node_modules; the wasm backend
// reads its .wasm file from there too, never from the network.

import '@tensorflow/tfjs-backend-cpu';
import { initBackend } from '@rnnkit/core';
import { env as tfEnv } from '@tensorflow/tfjs-core';
import type { BackendChoice } from './backend-choice.js';
import { inContext } from './describe-error.js';


/**
 * Makes `choice` the tfjs backend and returns the backend's name. Under `auto` wasm is tried,
 * then cpu.
 *
 * @example
 * ```ts
 * await selectBackend('cpu', process.env); // 'cpu'
 * ```
 */
export async function selectBackend(choice: BackendChoice, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  // tfjs-backend-cpu greets Node users on its first op with a console.warn about tfjs-node;
  // the PROD flag silences it (and only such debug messages).
  tfEnv().set('PROD', true);
  if (choice !== 'cpu') {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
    } catch {
      // initBackend reports why wasm is unavailable when it was asked for.
    }
  }
  const info = await inContext('--backend', () => initBackend({ backend: choice, order: ['wasm', 'cpu'], env }), {
    BACKEND_UNAVAILABLE: 'pass --backend cpu',
    INVALID_ARGUMENT: 'set RNNKIT_BACKEND to cpu or wasm, or unset it',
  });
  return info.name;
}
