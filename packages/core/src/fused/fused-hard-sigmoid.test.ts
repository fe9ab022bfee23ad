// hard_sigmoid gates (tf.layers' default, clip(0.2·x + 0.5, 0, 1)) on the fused path: the WASM
// gate passes only know sigmoid/tanh/relu, so both backends must fall back to the JavaScript
// loops (activation-range.ts) and still give, within 1e-5, the outputs, final states and every
// gradient of the step-by-step path (layer.forward + the BPTT documented on RnnCache), the
// gradients of tfjs autodiff through the step path (fusedRnn under setFusedBackend), and the
// streaming stepper's outputs. Inputs are scaled so gates sit both on the slope and clipped.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LstmCache } from '../cells/lstm-cell.js';
import type { GruCache } from '../cells/gru-cell.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { bptt } from '../layers/__fixtures__/bptt.js';
import { maxAbsDiff, normal } from '../layers/__fixtures__/tensor-testing.js';
import { disposeCache } from '../layers/cache-tensors.js';
import { dense } from '../layers/dense.js';
import { gru } from '../layers/gru.js';
import { lstm } from '../layers/lstm.js';
import type { RecurrentLayerOptions, RnnLayer } from '../layers/rnn.js';
import type { RnnCache } from '../layers/rnn-cache.js';
import { sequential } from '../model/sequential.js';
import type { FusedBackendName } from './fused-backend.js';
import { availableFusedBackends, setFusedBackend, wasmKernels } from './fused-backend.js';
import { canFuse, fusedBackward, fusedForward } from './fused-layer.js';
import { fusedRnn } from './fused-rnn.js';
import { createStepper } from './stepper.js';

beforeAll(useCpuBackend);
afterAll(() => setFusedBackend('auto'));

const [batch, steps, features, units] = [3, 5, 4, 6];
const backends: FusedBackendName[] = availableFusedBackends();
const hard = { recurrentActivation: 'hard_sigmoid' } as const;

const makers: [string, (o: RecurrentLayerOptions) => RnnLayer][] = [
  ['LSTM', (o) => lstm({ units, ...hard, ...o })],
  ['LSTM with hard_sigmoid activation too', (o) => lstm({ units, activation: 'hard_sigmoid', ...hard, ...o })],
  ['GRU resetAfter true', (o) => gru({ units, ...hard, ...o })],
  ['GRU resetAfter false', (o) => gru({ units, resetAfter: false, ...hard, ...o })],
];

const cases: { name: string; options: RecurrentLayerOptions; masked?: boolean; initial?: boolean }[] = [
  { name: 'last output', options: {} },
  { name: 'sequence, masked, backwards, input and recurrent dropout, from an initial state', options: { returnSequences: true, goBackwards: true, dropout: 0.25, recurrentDropout: 0.25 }, masked: true, initial: true },
];

/** Gate values of the step path: how many are clipped (exactly 0 or 1) and how many on the slope. */
function gateCoverage(cache: RnnCache): { clipped: number; slope: number } {
  let clipped = 0;
  let slope = 0;
  for (const step of cache.steps as (LstmCache | GruCache)[]) {
    const gates = 'i' in step ? [step.i, step.f, step.o] : [step.z, step.r];
    for (const v of gates.flatMap((g) => Array.from(g.dataSync()))) {
      if (v === 0 || v === 1) clipped++;
      else slope++;
    }
  }
  return { clipped, slope };
}

describe.each(backends)('hard_sigmoid on the fused kernels (%s)', (backend) => {
  describe.each(makers)('%s', (_name, make) => {
    it.each(cases)('matches the step-by-step forward, final state and every BPTT gradient within 1e-5: $name', ({ options, masked, initial }) => {
      const layer = make(options);
      layer.build([null, steps, features], createRng(3));
      expect(canFuse(layer, { training: true, rng: createRng(5) })).toBe(true);
      const x = normal([batch, steps, features], 1, 3);
      const mask = masked ? tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 1, 0, 1, 1]]) : null;
      const initialState = initial ? layer.cell.stateSizes.map((size, i) => normal([batch, size], 10 + i, 0.5)) : undefined;
      const dOutput = normal(options.returnSequences ? [batch, steps, units] : [batch, units], 3);
      const dFinal = layer.cell.stateSizes.map((size, i) => normal([batch, size], 30 + i) as tf.Tensor2D);
      const ctx = () => ({ training: true, rng: createRng(5), mask, ...(initialState ? { initialState } : {}) });

      const before = tf.memory().numTensors;
      const step = layer.forward(x, ctx());
      const coverage = gateCoverage(step.cache as RnnCache);
      expect(coverage.clipped).toBeGreaterThan(10);
      expect(coverage.slope).toBeGreaterThan(10);
      const reference = bptt(layer, step.cache as RnnCache, dOutput, dFinal);
      const fused = fusedForward(layer, x, ctx(), { backend });
      const grads = fusedBackward(layer, fused.cache, dOutput, { dFinalState: dFinal });

      expect(maxAbsDiff(fused.output, step.output)).toBeLessThanOrEqual(1e-5);
      fused.cache.finalState.forEach((s, i) => expect(maxAbsDiff(s, (step.cache as RnnCache).finalState[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));
      expect(maxAbsDiff(grads.dx, reference.dx)).toBeLessThanOrEqual(1e-5);
      [grads.dParams.kernel, grads.dParams.recurrentKernel, grads.dParams.bias].forEach((g, i) => expect(maxAbsDiff(g, reference.dParams[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));
      grads.dInitialState.forEach((g, i) => expect(maxAbsDiff(g, reference.dInitial[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));

      disposeCache([step, reference, fused, grads]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, dOutput, ...dFinal, ...(mask ? [mask] : []), ...(initialState ?? [])]);
      layer.dispose();
    });
  });

  it('fusedRnn under setFusedBackend gives the loss and every gradient of tfjs autodiff through the step path (LSTM → GRU → dense, masked)', () => {
    setFusedBackend(backend);
    const [first, second, head] = [lstm({ units, returnSequences: true, ...hard }), gru({ units, resetAfter: false, ...hard }), dense({ units: 2 })];
    first.build([null, steps, features], createRng(1));
    second.build([null, steps, units], createRng(2));
    head.build([null, units], createRng(3));
    const x = normal([batch, steps, features], 4, 3);
    const y = normal([batch, 2], 5);
    const mask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 1, 1, 0, 1]]);
    const variables = [...first.weights, ...second.weights, ...head.weights].map((w) => w.variable);
    const loss = (input: tf.Tensor, fused: boolean): tf.Scalar => {
      const h1 = fused ? fusedRnn(first, input, { mask }) : first.forward(input, { training: false, mask }).output;
      const h2 = fused ? fusedRnn(second, h1, { mask }) : second.forward(h1, { training: false, mask }).output;
      return tf.mean(tf.square(tf.sub(head.apply(h2), y)));
    };

    const before = tf.memory().numTensors;
    const reference = tf.variableGrads(() => loss(x, false), variables);
    const fused = tf.variableGrads(() => loss(x, true), variables);
    expect(maxAbsDiff(fused.value, reference.value)).toBeLessThanOrEqual(1e-6);
    for (const v of variables) expect(maxAbsDiff(fused.grads[v.name] as tf.Tensor, reference.grads[v.name] as tf.Tensor)).toBeLessThanOrEqual(1e-5);
    const [dxFused, dxReference] = [tf.grad((input: tf.Tensor) => loss(input, true))(x), tf.grad((input: tf.Tensor) => loss(input, false))(x)];
    expect(maxAbsDiff(dxFused, dxReference)).toBeLessThanOrEqual(1e-5);
    tf.dispose([reference.value, fused.value, dxFused, dxReference, ...Object.values(reference.grads), ...Object.values(fused.grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, mask]);
    [first, second, head].forEach((l) => l.dispose());
    setFusedBackend('auto');
  });

  it('createStepper streams LSTM → GRU → dense (hard_sigmoid head) as model.step does, within 1e-5', () => {
    const model = sequential({ inputShape: [null, features], seed: 4, layers: [lstm({ units: 7, returnSequences: true, ...hard }), gru({ units: 5, ...hard }), dense({ units: 3, activation: 'hard_sigmoid' })] });
    const stepper = createStepper(model, { batchSize: batch, backend });
    const xs = normal([8, batch, features], 6, 3);
    const inputs = tf.unstack(xs);
    let worst = 0;
    for (const x of inputs) {
      const expected = model.step(x);
      const before = tf.memory().numTensors;
      const actual = stepper.step(x.dataSync());
      expect(tf.memory().numTensors).toBe(before);
      const e = expected.dataSync();
      actual.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (e[i] as number)))));
      expected.dispose();
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
    tf.dispose([xs, ...inputs]);
    stepper.dispose();
    model.dispose();
  });
});

describe.runIf(wasmKernels() !== null)('the WASM gate passes', () => {
  it('decline hard_sigmoid (leaving the buffer untouched, so the kernels run the JavaScript loop) and take sigmoid', () => {
    const math = wasmKernels()?.math;
    const gates = math?.gates;
    expect(gates).toBeTruthy();
    if (!math || !gates) return;
    const target: { buf?: Float32Array } = {};
    math.bind(target, { buf: 8 });
    const buf = target.buf as Float32Array;
    const values = [-4, -2, -0.5, 0, 0.5, 1, 2, 4];
    buf.set(values);
    expect(gates.activate('hard_sigmoid', buf, 0, 8)).toBe(false);
    expect(Array.from(buf)).toEqual(values);
    expect(gates.activate('sigmoid', buf, 0, 8)).toBe(true);
    expect(Array.from(buf)).toEqual(values.map((v) => expect.closeTo(1 / (1 + Math.exp(-v)), 5)));
    math.release(target);
  });
});
