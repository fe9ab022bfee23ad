// The data a fused sequence kernel works on: plain Float32Arrays in time-major processing
// order (step k of the loop at rows k·B … k·B + B − 1), so one time step of any sequence
// buffer is one contiguous [B × width] block and the input projection of all T steps is one
// [T·B × I] · [I × G·U] matmul.

import type { Activation, CellKind } from '../cell.js';
import type { BackwardRows } from './step-context.js';
import type { Gemm } from './gemm.js';

/** Which cell and its sizes and activations. */
export type FusedCellSpec = {
  kind: CellKind;
  units: number;
  inputSize: number;
  /** φ. */
  activation: Activation;
  /** σ (LSTM and GRU). */
  recurrentActivation: Activation;
  /** GRU only: reset applied after the recurrent matmul (bias [2, 3·units]). */
  resetAfter: boolean;
};

/** Everything one forward pass reads. Sizes: B batch, T steps, I input, U units, G gates. */
export type SequenceInput = {
  spec: FusedCellSpec;
  batch: number;
  steps: number;
  /** x̃ [T·B·I], processing order, input dropout already applied. */
  x: Float32Array;
  /** W [I × G·U]. */
  kernel: Float32Array;
  /** U [U × G·U]. */
  recurrentKernel: Float32Array;
  /** Input bias [G·U], or null without bias. */
  biasIn: Float32Array | null;
  /** GRU resetAfter: the recurrent bias [G·U], else null. */
  biasRecurrent: Float32Array | null;
  /** s_{−1}: [h] or [h, c], each [B·U]. */
  initialState: Float32Array[];
  /** m_k per processing step and row [T·B] (1 keep, 0 carry), or null. */
  stepMask: Float32Array | null;
  /** Recurrent dropout mask [B·U] (scaled), or null. */
  recurrentMask: Float32Array | null;
  /** Masked steps output 0 instead of carrying the previous output (inside Bidirectional). */
  zeroOutputForMask: boolean;
  /** The input dropout mask [B·I] already applied to `x` (the backward applies it to dx), or null. */
  inputMask: Float32Array | null;
};

/** What the forward pass keeps for the backward pass (all owned by the trace). */
export type SequenceTrace = {
  input: SequenceInput;
  /** Copies of x̃, W and U in the math's own memory (WASM: module memory). */
  x: Float32Array;
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  /** [B·G·U] scratch (GRU resetAfter's recurrent product). */
  scratch: Float32Array;
  /** Gate activations per step [T·B·G·U] (LSTM: i f g o; GRU: z r ĥ; SimpleRNN: h′). */
  gates: Float32Array;
  /** States: h_{k} at block k+1, h_{−1} at block 0 — [(T+1)·B·U]. */
  h: Float32Array;
  /** LSTM cell states, laid out as `h`; empty otherwise. */
  c: Float32Array;
  /** LSTM: φ(c′_k) per step [T·B·U]; GRU resetAfter: u_h = hm·U_h + b_rec,h; else empty. */
  extra: Float32Array;
  /** The recurrent matmul's input per step, h_{k−1} ⊙ m_rec [T·B·U] (a view of `h` without recurrent dropout). */
  hm: Float32Array;
  /** GRU resetBefore: r ⊙ hm per step [T·B·U]; empty otherwise. */
  rhm: Float32Array;
  /** o_k per step [T·B·U] (a view of `h` without a step mask). */
  outputs: Float32Array;
  /** s_{T−1}: [h] or [h, c], each [B·U]. */
  finalState: Float32Array[];
};

/** Gradients from the backward pass. */
export type SequenceGradients = {
  /** ∂L/∂x̃ [T·B·I], processing order (the caller applies the input mask and reorders). */
  dx: Float32Array;
  dKernel: Float32Array;
  dRecurrentKernel: Float32Array;
  /** [G·U], or [2·G·U] (input then recurrent) for GRU resetAfter; zeros without bias. */
  dBias: Float32Array;
  dInitialState: Float32Array[];
  /** ‖∂L/∂h_k‖ per processing step (Frobenius over the batch), when asked for. */
  hiddenGradNorms: number[] | null;
};

/** Buffers to lay out: a length, or a view into an earlier buffer of the same layout. */
export type BufferLayout = Record<string, number | { of: string; start: number; length: number }>;

/** SIMD gate passes (WASM only); every view must live in the module's memory (see `bind`). */
export type GateKernels = {
  /** buf[offset … offset+n) ← f(buf) for sigmoid, tanh, relu; false for other activations. */
  activate(kind: Activation, buf: Float32Array, offset: number, n: number): boolean;
  /** LSTM gate pass (σ sigmoid, φ tanh) of one step; offsets in elements. */
  lstm(gates: Float32Array, gatesOffset: number, c: Float32Array, cPrevOffset: number, extra: Float32Array, extraOffset: number, h: Float32Array, hNextOffset: number, batch: number, units: number): void;
  /**
   * LSTM backward gate pass of step k without masks: dh = dOut_k (or 0 when `dOut` is null) + gH;
   * writes da_k and gC ← dc ⊙ f; returns Σ dh².
   */
  lstmBackward(dOut: Float32Array | null, dOutOffset: number, gH: Float32Array, gC: Float32Array, trace: SequenceTrace, dA: Float32Array, k: number): number;
  /**
   * GRU backward gate pass of step k (σ sigmoid, φ tanh) from `rows.dh`: writes da_z, dĥ (and, reset-after, da_r and the
   * recurrent side dAu) into rows k of dA, and dhDirect = dh ⊙ z. Reset-before leaves da_r to the caller.
   */
  gruBackward(trace: SequenceTrace, rows: BackwardRows, k: number, resetAfter: boolean): void;
  /**
   * GRU forward gate passes of step k (σ sigmoid, φ tanh) writing h_k; `hm` is the recurrent input (h or h ⊙ mask).
   * Reset-after: one pass after the recurrent product is in `trace.scratch` ('after'). Reset-before: 'zr' after
   * a_zr += hm·U_zr (z, r and rhm = r ⊙ hm), then 'h' after a_h += rhm·U_h (ĥ and the blend).
   */
  gruForward(trace: SequenceTrace, k: number, phase: 'after' | 'zr' | 'h'): void;
  /** SimpleRNN (tanh) backward pass of step k without masks: dz_k = (dOut_k + gH) ⊙ (1 − h′²); returns Σ dh². */
  tanhBackward(dOut: Float32Array | null, dOutOffset: number, gH: Float32Array, trace: SequenceTrace, dA: Float32Array, k: number): number;
};

/**
 * The arithmetic a kernel runs on: a gemm (JS, WASM SIMD or native); `bind` lays out
 * Float32Array buffers as properties of `target` (WASM: inside module memory, re-bound if the
 * memory grows, until `release(target)`); `gates` are the SIMD gate passes, or null.
 */
export type FusedMath = {
  readonly name: 'js' | 'wasm' | 'native';
  readonly gemm: Gemm;
  /**
   * Promises `array` will not change until the returned function is called: the native gemm then
   * packs a B operand inside it once and reuses the packing (a recurrent kernel over the steps of
   * one sequence). A no-op for the other backends.
   */
  pin(array: Float32Array): () => void;
  /** `written`: buffers the caller fully writes before it reads them, which may start with any content (the others start zeroed). */
  bind(target: object, layout: BufferLayout, written?: readonly string[]): void;
  release(target: object): void;
  readonly gates: GateKernels | null;
};

/** Gate count G of a cell kind. */
export function gateCount(kind: CellKind): number {
  return kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
}
