// Streaming inference with no tensor allocation at all: the model's weights are copied once
// into the fused kernels' memory, then every `step(x_t)` runs each recurrent layer's fused step
// (T = 1 of the sequence kernel: input projection, one recurrent matmul, the gate pass) and the
// dense head on raw Float32Arrays, returning a reused output buffer.

import type { Activation } from '../cell.js';
import { RnnkitError } from '../errors.js';
import { isRnnLayer } from '../layers/rnn.js';
import type { RnnLayer } from '../layers/rnn.js';
import type { Layer } from '../layers/layer.js';
import { activateRange } from './activation-range.js';
import type { FusedBackendName } from './fused-backend.js';
import { fusedMath } from './fused-backend.js';
import { fusedSpec } from './fused-layer.js';
import { gruForwardStep } from './gru-kernel.js';
import { lstmForwardStep } from './lstm-kernel.js';
import type { FusedMath, SequenceInput, SequenceTrace } from './sequence-types.js';
import { gateCount } from './sequence-types.js';
import { simpleRnnForwardStep } from './simple-rnn-kernel.js';
import type { StepContext } from './step-context.js';

/** Options of {@link createStepper}. */
export interface StepperOptions {
  /**
   * Rows fed per step.
   * @default 1
   */
  batchSize?: number;
  /**
   * Arithmetic backend.
   * @default the current one (`fusedBackend()`)
   */
  backend?: FusedBackendName;
}

/** A streaming runner; see {@link createStepper}. */
export interface Stepper {
  readonly batchSize: number;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly backend: FusedBackendName;
  /**
   * Feeds one time step `x_t` (`batchSize × inputSize` numbers, row-major) and returns this
   * step's output (`batchSize × outputSize`). The returned array is reused by the next call.
   */
  step(x: ArrayLike<number>): Float32Array;
  /** Zeroes every hidden state. */
  resetState(): void;
  /** Copies the model's current weights again (after training). */
  reloadWeights(): void;
  /** Frees the kernel memory. */
  dispose(): void;
}

type DenseStage = { kind: 'dense'; layer: Layer; units: number; inputSize: number; activation: Activation | 'softmax'; buffers: { kernel: Float32Array; bias: Float32Array; out: Float32Array } };
type RecurrentStage = { kind: 'recurrent'; layer: RnnLayer; trace: SequenceTrace; ctx: StepContext; bias: Float32Array | null };
type Stage = DenseStage | RecurrentStage;

/**
 * Compiles a model (or a list of layers: recurrent layers reading forwards, dense layers) for
 * streaming: one `step` per time step, hidden states kept between calls, nothing allocated.
 *
 * @example
 * ```ts
 * import { createStepper } from '@rnnkit/core';
 *
 * const stepper = createStepper(model); // e.g. lstm({ units: 128 }) → dense({ units: 1 })
 * for (const value of stream) console.log(stepper.step([value])[0]);
 * ```
 */
export function createStepper(model: { layers: readonly Layer[] }, options: StepperOptions = {}): Stepper {
  const { batchSize: B = 1 } = options;
  const math = fusedMath(options.backend);
  const stages = model.layers.map((layer, i) => makeStage(math, layer, i, B));
  const first = stages[0];
  const last = stages[stages.length - 1];
  if (!first || !last) throw new RnnkitError('INVALID_ARGUMENT', 'createStepper: the model has no layers');
  const inputSize = first.kind === 'dense' ? first.inputSize : first.trace.input.spec.inputSize;
  const outputSize = last.kind === 'dense' ? last.units : last.trace.input.spec.units;
  const result = new Float32Array(B * outputSize);
  let disposed = false;

  const stepper: Stepper = {
    batchSize: B,
    inputSize,
    outputSize,
    backend: math.name,
    step(x) {
      if (disposed) throw new RnnkitError('DISPOSED', 'stepper: step() after dispose()');
      if (x.length !== B * inputSize) {
        throw new RnnkitError('SHAPE_MISMATCH', `stepper: x_t must hold batchSize × inputSize = ${B} × ${inputSize} numbers, got ${x.length}`, { expected: B * inputSize, actual: x.length });
      }
      let current: ArrayLike<number> = x;
      for (const stage of stages) current = stage.kind === 'dense' ? denseStep(math, stage, current, B) : recurrentStep(stage, current, B);
      result.set(current);
      return result;
    },
    resetState() {
      for (const stage of stages) if (stage.kind === 'recurrent') resetTrace(stage.trace);
    },
    reloadWeights() {
      for (const stage of stages) loadWeights(stage);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const stage of stages) math.release(stage.kind === 'dense' ? stage.buffers : stage.trace);
    },
  };
  return stepper;
}

function makeStage(math: FusedMath, layer: Layer, index: number, B: number): Stage {
  if (!layer.built) throw new RnnkitError('NOT_BUILT', `createStepper: layer ${index} ('${layer.name}') is not built; build the model first`);
  if (isRnnLayer(layer)) {
    if (layer.goBackwards) throw new RnnkitError('UNSUPPORTED', `createStepper: layer '${layer.name}' reads backwards and cannot stream`);
    const spec = fusedSpec(layer);
    const { units: U, inputSize: I, kind } = spec;
    const GU = gateCount(kind) * U;
    const input = { spec, batch: B, steps: 1, stepMask: null, recurrentMask: null, zeroOutputForMask: false, inputMask: null, initialState: [], biasIn: null, biasRecurrent: null } as unknown as SequenceInput;
    const trace = { input, finalState: [] } as unknown as SequenceTrace;
    math.bind(trace, {
      x: B * I,
      kernel: I * GU,
      recurrentKernel: U * GU,
      gates: B * GU,
      h: 2 * B * U,
      c: kind === 'LSTM' ? 2 * B * U : 0,
      extra: kind === 'LSTM' || (kind === 'GRU' && spec.resetAfter) ? B * U : 0,
      hm: { of: 'h', start: 0, length: B * U },
      rhm: kind === 'GRU' && !spec.resetAfter ? B * U : 0,
      outputs: { of: 'h', start: B * U, length: B * U },
      scratch: kind === 'GRU' ? B * GU : 0,
    });
    const ctx: StepContext = { math, trace, batch: B, units: U, width: GU, recurrentT: new Float32Array(0) };
    const stage: RecurrentStage = { kind: 'recurrent', layer, trace, ctx, bias: null };
    loadWeights(stage);
    return stage;
  }
  if (layer.className === 'Dense') {
    const [kernel, bias] = layer.weights.map((w) => w.variable);
    const [inputSize, units] = kernel?.shape as [number, number];
    const activation = String(layer.getConfig()['activation']) as Activation | 'softmax';
    const buffers = {} as DenseStage['buffers'];
    math.bind(buffers, { kernel: inputSize * units, bias: units, out: B * units });
    const stage: DenseStage = { kind: 'dense', layer, units, inputSize, activation, buffers };
    if (!bias) buffers.bias.fill(0);
    loadWeights(stage);
    return stage;
  }
  throw new RnnkitError('UNSUPPORTED', `createStepper: layer '${layer.name}' (${layer.className}) cannot stream; recurrent and dense layers can`);
}

function loadWeights(stage: Stage): void {
  if (stage.kind === 'dense') {
    const [kernel, bias] = stage.layer.weights.map((w) => w.variable);
    stage.buffers.kernel.set(kernel?.dataSync() as Float32Array);
    if (bias) stage.buffers.bias.set(bias.dataSync() as Float32Array);
    return;
  }
  const { layer, trace } = stage;
  const { kernel, recurrentKernel, bias } = layer.params;
  trace.kernel.set(kernel.dataSync() as Float32Array);
  trace.recurrentKernel.set(recurrentKernel.dataSync() as Float32Array);
  const spec = trace.input.spec;
  const GU = gateCount(spec.kind) * spec.units;
  const biasData = layer.cell.config.useBias ? Float32Array.from(bias.dataSync() as Float32Array) : null;
  const resetAfterGru = spec.kind === 'GRU' && spec.resetAfter;
  stage.bias = biasData ? biasData.subarray(0, GU) : null;
  trace.input.biasRecurrent = biasData && resetAfterGru ? biasData.subarray(GU, 2 * GU) : null;
}

function resetTrace(trace: SequenceTrace): void {
  trace.h.fill(0);
  trace.c.fill(0);
}

function recurrentStep(stage: RecurrentStage, x: ArrayLike<number>, B: number): Float32Array {
  const { trace, ctx, bias } = stage;
  const { spec } = trace.input;
  const { units: U, inputSize: I, kind } = spec;
  const GU = ctx.width;
  const { gates } = trace;
  trace.x.set(x);
  if (bias) for (let b = 0; b < B; b++) gates.set(bias, b * GU);
  ctx.math.gemm(false, B, GU, I, trace.x, 0, I, trace.kernel, 0, GU, gates, 0, GU, bias !== null);
  if (kind === 'LSTM') lstmForwardStep(ctx, 0, spec.recurrentActivation, spec.activation);
  else if (kind === 'GRU') gruForwardStep(ctx, 0, spec.recurrentActivation, spec.activation, spec.resetAfter);
  else simpleRnnForwardStep(ctx, 0, spec.activation);
  // h_t (and c_t) become the previous state of the next step.
  trace.h.copyWithin(0, B * U, 2 * B * U);
  if (kind === 'LSTM') trace.c.copyWithin(0, B * U, 2 * B * U);
  return trace.h.subarray(0, B * U);
}

function denseStep(math: FusedMath, stage: DenseStage, x: ArrayLike<number>, B: number): Float32Array {
  const { buffers, units, inputSize, activation } = stage;
  const { out } = buffers;
  for (let b = 0; b < B; b++) out.set(buffers.bias, b * units);
  const input = x instanceof Float32Array ? x : Float32Array.from(x);
  math.gemm(false, B, units, inputSize, input, 0, inputSize, buffers.kernel, 0, units, out, 0, units, true);
  if (activation === 'softmax') {
    for (let b = 0; b < B; b++) softmaxRow(out, b * units, units);
  } else activateRange(activation, out, 0, B * units);
  return out;
}

function softmaxRow(buf: Float32Array, offset: number, n: number): void {
  let max = -Infinity;
  for (let i = offset; i < offset + n; i++) max = Math.max(max, buf[i] as number);
  let sum = 0;
  for (let i = offset; i < offset + n; i++) {
    const e = Math.exp((buf[i] as number) - max);
    buf[i] = e;
    sum += e;
  }
  for (let i = offset; i < offset + n; i++) buf[i] = (buf[i] as number) / sum;
}
