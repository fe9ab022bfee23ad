// The values of --backend (kept apart from backend.ts so that defining the options does not
// load tfjs).

/** Values of --backend. */
export type BackendChoice = 'auto' | 'cpu' | 'wasm';

/** The accepted values of --backend, for the option's choices. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'cpu', 'wasm'];
