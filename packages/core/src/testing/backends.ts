// Test helper for code that must give the same numbers on tfjs's cpu and wasm backends. The
// wasm backend reads its .wasm binary from @tensorflow/tfjs-backend-wasm's dist/ folder in
// node_modules (no network). Importing this file registers both backends.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import { getBackend, ready, setBackend } from '@tensorflow/tfjs-core';

/** The backends the cross-backend tests run on. */
export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

/** One of {@link TEST_BACKENDS}. */
export type TestBackend = (typeof TEST_BACKENDS)[number];

/** Makes `name` the active backend; throws if it does not start. */
export async function useBackend(name: TestBackend): Promise<void> {
  if (!(await setBackend(name))) throw new Error(`the ${name} backend did not initialize`);
  await ready();
}

/** Runs `fn` on backend `name`, then returns to the backend that was active (if one was). */
export async function onBackend<T>(name: TestBackend, fn: () => T): Promise<T> {
  const previous = getBackend() as TestBackend | undefined;
  await useBackend(name);
  try {
    return fn();
  } finally {
    if (previous) await useBackend(previous);
  }
}
