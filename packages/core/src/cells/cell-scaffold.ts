// What every cell shares around its math: sizes, Keras weight shapes, the Keras default
// initializers (glorotUniform kernel, orthogonal recurrent kernel, the cell's bias), zero
// state, and the opening of a step (check the inputs, apply the recurrent-dropout mask).

import { mul } from '@tensorflow/tfjs-core';
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import type { CellKind, CellParams, CellStepOptions, RecurrentCell } from '../cell.js';
import { checkPositiveInt } from '../check.js';
import { glorotUniform } from '../init/glorot-uniform.js';
import { orthogonal } from '../init/orthogonal.js';
import { zeros } from '../init/zeros.js';
import type { Rng } from '../rng.js';
import { checkStep } from './check-step.js';
import type { StepSpec } from './check-step.js';

/** A cell's sizes and how its bias starts. */
export interface ScaffoldSpec extends StepSpec {
  kind: CellKind;
  /** Initial bias; zeros of `biasShape` when omitted. */
  initialBias?: () => Tensor1D | Tensor2D;
}

type Scaffold = Pick<RecurrentCell, 'kind' | 'units' | 'inputSize' | 'stateSizes' | 'gateCount' | 'paramShapes' | 'initParams' | 'zeroState'>;

/** The members of a {@link RecurrentCell} that do not depend on its equations. */
export function cellScaffold(spec: ScaffoldSpec): Scaffold {
  const { kind, units, inputSize, gateCount, stateCount, biasShape } = spec;
  return {
    kind,
    units,
    inputSize,
    stateSizes: new Array<number>(stateCount).fill(units),
    gateCount,
    paramShapes: () => ({ kernel: [inputSize, gateCount * units], recurrentKernel: [units, gateCount * units], bias: [...biasShape] }),
    initParams: (rng: Rng): CellParams => ({
      kernel: glorotUniform([inputSize, gateCount * units], rng) as Tensor2D,
      recurrentKernel: orthogonal([units, gateCount * units], rng) as Tensor2D,
      bias: spec.initialBias ? spec.initialBias() : (zeros(biasShape) as Tensor1D | Tensor2D),
    }),
    zeroState: (batchSize) => {
      checkPositiveInt(`${spec.where} zeroState`, 'batchSize', batchSize);
      return Array.from({ length: stateCount }, () => zeros([batchSize, units]) as Tensor2D);
    },
  };
}

/** Checks a step's inputs; returns h_{t−1}, h_{t−1} ⊙ m (or h_{t−1} without a mask) and m. */
export function openStep(
  spec: StepSpec,
  params: CellParams,
  x: Tensor2D,
  state: readonly Tensor2D[],
  options: CellStepOptions,
): { hPrev: Tensor2D; hPrevMasked: Tensor2D; mask: Tensor2D | undefined } {
  const mask = options.recurrentMask;
  checkStep(spec, params, x, state, mask);
  const hPrev = state[0] as Tensor2D;
  return { hPrev, hPrevMasked: mask ? mul(hPrev, mask) : hPrev, mask };
}
