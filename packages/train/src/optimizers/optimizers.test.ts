// Each optimizer is stepped three times on θ = [1, −2] with fixed gradients and compared with
// the PyTorch pseudo-code worked through in plain numbers below (float64; tolerance for float32),
// plus first steps computed by hand.
import * as tf from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { adagrad } from './adagrad.js';
import { adam } from './adam.js';
import { adamw } from './adamw.js';
import { momentum } from './momentum.js';
import { nesterov } from './nesterov.js';
import type { Optimizer } from './optimizer.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

const theta0 = [1, -2];
const gradients = [
  [0.5, -1],
  [0.2, 0.4],
  [-0.3, 0.1],
];

/** Runs `opt` over the gradient sequence; returns θ after each step. */
function run(opt: Optimizer, steps = gradients.length): number[][] {
  let params: Record<string, tf.Tensor> = { w: tf.tensor1d(theta0) };
  const trace: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const grads = { w: tf.tensor1d(gradients[t] as number[]) };
    const next = opt.step(params, grads);
    tf.dispose([params.w as tf.Tensor, grads.w]);
    params = next;
    trace.push(Array.from((params.w as tf.Tensor).dataSync()));
  }
  (params.w as tf.Tensor).dispose();
  return trace;
}

/** The same, in scalars: `rule(θ, g, t, state)` returns the new θ for one element. */
function reference(rule: (theta: number, g: number, t: number, s: Record<string, number>) => number): number[][] {
  const states = theta0.map(() => ({}) as Record<string, number>);
  let theta = [...theta0];
  return gradients.map((g, i) => {
    theta = theta.map((th, j) => rule(th, g[j] as number, i + 1, states[j] as Record<string, number>));
    return theta;
  });
}

function expectClose(actual: number[][], expected: number[][]): void {
  actual.forEach((row, t) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[t]![j]!, 5)));
}

describe('optimizers follow the torch.optim update rules', () => {
  it('sgd: θ ← θ − γ(g + λθ)', () => {
    expect(run(sgd({ learningRate: 0.1 }), 1)[0]).toEqual([Math.fround(1 - 0.05), -2 + 0.1].map(Math.fround));
    expectClose(run(sgd({ learningRate: 0.1, weightDecay: 0.1 })), reference((th, g) => th - 0.1 * (g + 0.1 * th)));
  });

  it('momentum: b₁ = g₁, then b = μb + (1 − τ)g; θ ← θ − γb', () => {
    // Hand: step 2 of element 0 — b = 0.9·0.5 + 0.2 = 0.65, θ = 0.95 − 0.1·0.65 = 0.885.
    expect(run(momentum({ learningRate: 0.1, momentum: 0.9 }), 2)[1]![0]).toBeCloseTo(0.885, 6);
    const ref = (tau: number) => (th: number, g: number, t: number, s: Record<string, number>): number => {
      s.b = t === 1 ? g : 0.9 * (s.b as number) + (1 - tau) * g;
      return th - 0.1 * s.b;
    };
    expectClose(run(momentum({ learningRate: 0.1, momentum: 0.9 })), reference(ref(0)));
    expectClose(run(momentum({ learningRate: 0.1, momentum: 0.9, dampening: 0.5 })), reference(ref(0.5)));
  });

  it("nesterov: PyTorch's form θ ← θ − γ(g + μb)", () => {
    // Hand: step 1 — b = g, θ = 1 − 0.1·(0.5 + 0.9·0.5) = 0.905.
    expect(run(nesterov({ learningRate: 0.1, momentum: 0.9 }), 1)[0]![0]).toBeCloseTo(0.905, 6);
    expectClose(
      run(nesterov({ learningRate: 0.1, momentum: 0.9, weightDecay: 0.01 })),
      reference((th, g0, t, s) => {
        const g = g0 + 0.01 * th;
        s.b = t === 1 ? g : 0.9 * (s.b as number) + g;
        return th - 0.1 * (g + 0.9 * s.b);
      }),
    );
  });

  it('rmsprop: ε outside the square root, centered and momentum variants', () => {
    // Hand: step 1 — v = 0.01·g², θ = θ − γ·g/(0.1|g| + ε) ≈ θ − 10γ·sign(g).
    const [first] = run(rmsprop({ learningRate: 0.01 }), 1);
    expect(first![0]).toBeCloseTo(1 - 0.1, 5);
    expect(first![1]).toBeCloseTo(-2 + 0.1, 5);
    for (const [mu, centered] of [[0, false], [0.5, false], [0, true], [0.5, true]] as const) {
      const eps = 1e-3; // large enough to show it is added after the square root
      expectClose(
        run(rmsprop({ learningRate: 0.01, alpha: 0.9, epsilon: eps, momentum: mu, centered, weightDecay: 0.1 })),
        reference((th, g0, t, s) => {
          const g = g0 + 0.1 * th;
          s.v = 0.9 * (s.v ?? 0) + 0.1 * g * g;
          let vt = s.v;
          if (centered) {
            s.gAvg = 0.9 * (s.gAvg ?? 0) + 0.1 * g;
            vt -= s.gAvg * s.gAvg;
          }
          if (mu > 0) {
            s.b = mu * (s.b ?? 0) + g / (Math.sqrt(vt) + eps);
            return th - 0.01 * s.b;
          }
          return th - (0.01 * g) / (Math.sqrt(vt) + eps);
        }),
      );
    }
  });

  it('adagrad: initial accumulator τ and learning-rate decay γ/(1 + (t − 1)η)', () => {
    // Hand: step 1 with τ = 0 — θ = 1 − 0.1·0.5/0.5 = 0.9.
    expect(run(adagrad({ learningRate: 0.1 }), 1)[0]![0]).toBeCloseTo(0.9, 6);
    expectClose(
      run(adagrad({ learningRate: 0.1, learningRateDecay: 0.5, initialAccumulatorValue: 0.25, weightDecay: 0.01 })),
      reference((th, g0, t, s) => {
        const lr = 0.1 / (1 + (t - 1) * 0.5);
        const g = g0 + 0.01 * th;
        s.sum = (s.sum ?? 0.25) + g * g;
        return th - (lr * g) / (Math.sqrt(s.sum) + 1e-10);
      }),
    );
  });

  const adamRule = (lambda: number, decoupled: boolean) => (th: number, g0: number, t: number, s: Record<string, number>): number => {
    const [lr, b1, b2, eps] = [0.01, 0.9, 0.999, 1e-8];
    const theta = decoupled ? th - lr * lambda * th : th;
    const g = decoupled ? g0 : g0 + lambda * th;
    s.m = b1 * (s.m ?? 0) + (1 - b1) * g;
    s.v = b2 * (s.v ?? 0) + (1 - b2) * g * g;
    const mHat = s.m / (1 - b1 ** t);
    const vHat = s.v / (1 - b2 ** t);
    return theta - (lr * mHat) / (Math.sqrt(vHat) + eps);
  };

  it('adam: bias-corrected moments, L2 decay added to the gradient', () => {
    // Hand: step 1 — m̂ = g, v̂ = g², so θ = θ − γ·sign(g).
    const [first] = run(adam({ learningRate: 0.01 }), 1);
    expect(first![0]).toBeCloseTo(0.99, 6);
    expect(first![1]).toBeCloseTo(-1.99, 6);
    expectClose(run(adam({ learningRate: 0.01, weightDecay: 0.1 })), reference(adamRule(0.1, false)));
  });

  it('adamw: decoupled decay θ ← θ − γλθ before the Adam step', () => {
    // Hand: step 1 with λ = 0.1 — θ = 1·(1 − 0.001) − 0.01 = 0.989.
    expect(run(adamw({ learningRate: 0.01, weightDecay: 0.1 }), 1)[0]![0]).toBeCloseTo(0.989, 6);
    expectClose(run(adamw({ learningRate: 0.01, weightDecay: 0.1 })), reference(adamRule(0.1, true)));
    expect(adamw().hyper.weightDecay).toBe(0.01);
  });
});

describe('optimizer state', () => {
  const makers: [string, () => Optimizer][] = [
    ['sgd', () => sgd({ learningRate: 0.1 })],
    ['momentum', () => momentum({ learningRate: 0.1 })],
    ['nesterov', () => nesterov({ learningRate: 0.1 })],
    ['rmsprop', () => rmsprop({ centered: true, momentum: 0.5 })],
    ['adagrad', () => adagrad({ initialAccumulatorValue: 0.1, learningRateDecay: 0.1 })],
    ['adam', () => adam()],
    ['adamw', () => adamw()],
  ];
  for (const [name, make] of makers) {
    it(`${name}: a state saved as JSON and restored continues bit-for-bit`, () => {
      const straight = make();
      const expected = run(straight);
      const before = tf.memory().numTensors;

      const first = make();
      run(first, 2);
      const saved = JSON.parse(JSON.stringify(first.getState()));
      first.dispose();
      const resumed = make();
      resumed.setState(saved);
      // Continue from θ₂ with g₃.
      const params = { w: tf.tensor1d(expected[1] as number[]) };
      const grads = { w: tf.tensor1d(gradients[2] as number[]) };
      const next = resumed.step(params, grads);
      expect(Array.from((next.w as tf.Tensor).dataSync())).toEqual(expected[2]);
      tf.dispose([params.w, grads.w, next.w as tf.Tensor]);
      resumed.dispose();
      expect(tf.memory().numTensors).toBe(before);
      straight.dispose();
    });
  }

  it('refuses a state of another optimizer or other hyper-parameters', () => {
    const state = adam().getState();
    expect(() => sgd().setState(state)).toThrow(RnnkitError);
    expect(() => adam({ beta1: 0.8 }).setState(state)).toThrow(/beta1 is 0.9 in the state, 0.8 here/);
  });

  it('refuses a missing or misshapen gradient, and bad hyper-parameters', () => {
    const p = { w: tf.zeros([2]) };
    expect(() => adam().step(p, {})).toThrow(/no gradient for parameter 'w'/);
    expect(() => adam().step(p, { w: tf.zeros([3]) })).toThrow(/has shape \[3\], the parameter \[2\]/);
    expect(() => adam({ beta2: 1 })).toThrow(/beta2 must be in \[0, 1\)/);
    expect(() => sgd({ nesterov: true })).toThrow(/Nesterov momentum needs momentum > 0/);
  });
});
