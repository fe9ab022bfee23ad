// Test helper: pins tfjs to the deterministic cpu backend.
import '@tensorflow/tfjs-backend-cpu';
import { ready, setBackend } from '@tensorflow/tfjs-core';

export async function useCpuBackend(): Promise<void> {
  await setBackend('cpu');
  await ready();
}
