// What went wrong when a loss or gradient stops being finite. Checked in order:
//   1. the batch itself holds NaN/Infinity                      → 'nonFiniteInput'
//   2. the weights already hold NaN/Infinity (a previous update overflowed) → 'nonFiniteWeights'
//   3. the gradient norm is not finite, or rose > 100× above its recent median → 'explodingGradient'
//   4. otherwise the loss itself overflowed (e.g. huge logits)   → 'lossOverflow'

import type { Tensor } from '@tensorflow/tfjs-core';

/** Likely reasons training diverged. */
export type DivergenceCause = 'nonFiniteInput' | 'nonFiniteWeights' | 'explodingGradient' | 'lossOverflow';

/** The report of a stopped, diverged run. */
export type DivergenceReport = {
  /** The update (0-based) whose loss or gradient was not finite; it was not applied. */
  step: number;
  epoch: number;
  batch: number;
  loss: number;
  gradNorm: number;
  /** Global gradient norms of the last (up to 20) good steps, oldest first. */
  recentGradNorms: number[];
  cause: DivergenceCause;
  /** Which weights the model holds now. */
  restored: 'lastGoodWeights' | 'currentWeights';
  message: string;
};

const finite = (t: Tensor | null | undefined): boolean => !t || t.dtype === 'int32' || t.dataSync().every(Number.isFinite);

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};

/** Names the likely cause and the advice that goes with it. */
export function diagnoseDivergence(facts: {
  inputs: readonly (Tensor | null | undefined)[];
  weights: readonly Tensor[];
  loss: number;
  gradNorm: number;
  recentGradNorms: number[];
}): { cause: DivergenceCause; advice: string } {
  const { loss, gradNorm, recentGradNorms } = facts;
  if (!facts.inputs.every(finite)) {
    return { cause: 'nonFiniteInput', advice: 'the batch contains NaN or Infinity: clean or impute the data (the weights were left as they were)' };
  }
  if (!facts.weights.every(finite)) {
    return { cause: 'nonFiniteWeights', advice: 'the previous update made a weight overflow: lower the learning rate or clip gradients (clipGlobalNorm)' };
  }
  const typical = median(recentGradNorms);
  if (!Number.isFinite(gradNorm) || (Number.isFinite(typical) && gradNorm > 100 * typical)) {
    const rise = Number.isFinite(typical) ? ` (norm ${gradNorm.toPrecision(3)} against a recent median of ${typical.toPrecision(3)})` : '';
    return { cause: 'explodingGradient', advice: `exploding gradients${rise}: clip with clipGlobalNorm (e.g. 5) or lower the learning rate` };
  }
  return { cause: 'lossOverflow', advice: `the loss overflowed (${String(loss)}) with finite gradients: lower the learning rate or check the targets' scale` };
}
