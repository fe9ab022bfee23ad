// Spectral radius of a recurrent kernel, per gate block. U is [units, G·units] in Keras's
// fused layout; block g = U[:, g·units : (g+1)·units] is the square matrix that carries
// h_{t−1} into gate g. ρ(U_g) > 1 lets (linearised) gradients grow through time, ρ < 1
// shrinks them (Pascanu et al. 2013).

import type { CellKind, CellParams, RecurrentCell } from '@rnnkit/core';
import { spectralRadius } from './eigenvalues.js';

/** Gate names of each cell's fused kernel blocks, in Keras's order. */
export const gateNames: Readonly<Record<CellKind, readonly string[]>> = {
  SimpleRNN: ['h'],
  LSTM: ['i', 'f', 'c', 'o'],
  GRU: ['z', 'r', 'h'],
};

/** The spectral radius of one gate block of a recurrent kernel. */
export type GateSpectralRadius = { gate: string; radius: number };

/**
 * ρ(U_g) for every gate block g of the cell's recurrent kernel (reads the kernel off the device).
 *
 * @example
 * ```ts
 * recurrentSpectralRadius(layer.cell, layer.params); // [{ gate: 'i', radius: 0.97 }, …]
 * ```
 */
export function recurrentSpectralRadius(cell: RecurrentCell, params: CellParams): GateSpectralRadius[] {
  const { units } = cell;
  const u = params.recurrentKernel.arraySync();
  return gateNames[cell.kind].map((gate, g) => ({
    gate,
    radius: spectralRadius(u.map((row) => row.slice(g * units, (g + 1) * units))),
  }));
}
