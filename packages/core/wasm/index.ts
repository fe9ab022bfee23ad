// Entry of rnnkit's WebAssembly SIMD kernels (AssemblyScript): gemm, the gate passes and Adam.
export { gemm, HEAP_BASE } from './gemm';
export { activate, lstmGates, lstmBackwardGates, tanhBackward, gruBackwardGates, gruGatesAfter, gruGatesBeforeZr, gruGatesBeforeH } from './gates';
export { adam } from './adam';
