export type WasmKernels = { math: import('./sequence-types.js').FusedMath };
export function loadWasmKernels(): WasmKernels | null {
  return null;
}
