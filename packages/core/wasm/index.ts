// Entry of rnnkit's WebAssembly SIMD kernels (AssemblyScript): gemm and the gate passes.
export { gemm, HEAP_BASE } from './gemm';
export { activate, lstmGates, lstmBackwardGates, tanhBackward, gruBackwardGates, gruGatesAfter, gruGatesBeforeZr, gruGatesBeforeH } from './gates';
