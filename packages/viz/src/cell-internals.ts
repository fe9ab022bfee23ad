// Inside one cell of the unrolled diagram, in the cell's own 240 × 180 coordinates, drawn
// the way the lecture (and Olah's "Understanding LSTM Networks", 2015) draws it: layers as
// boxes (σ, tanh), pointwise operations as circles (⊙, +, 1−).
//
//   SimpleRNN  hₜ = tanh(W·xₜ + U·hₜ₋₁ + b)
//   LSTM       fₜ, iₜ, oₜ = σ(…), c̃ₜ = tanh(…), cₜ = fₜ⊙cₜ₋₁ + iₜ⊙c̃ₜ, hₜ = oₜ⊙tanh(cₜ)
//   GRU        rₜ, zₜ = σ(…), h̃ₜ = tanh(W·xₜ + U·(rₜ⊙hₜ₋₁)), hₜ = (1−zₜ)⊙hₜ₋₁ + zₜ⊙h̃ₜ
//
// Ports (fixed, so the steps join up): x enters at the bottom, y leaves at the top right;
// h enters/leaves at y = 150 (SimpleRNN, LSTM) or y = 30 (GRU); LSTM's c at y = 30.

import { layerBox, opNode, wire } from './diagram-parts.js';
import { textEl } from './svg.js';
import type { Theme } from './theme.js';

/** Which recurrent cell the diagram draws. */
export type CellKind = 'simple' | 'lstm' | 'gru';

/** Size of a cell with internals. */
export const INTERNAL_CELL = { width: 240, height: 180 } as const;

/** Where the state wires cross the cell's left/right edges, and where x enters. */
export function cellPorts(kind: CellKind): { h: number; c?: number; x: number; y: number } {
  if (kind === 'lstm') return { h: 150, c: 30, x: 30, y: 228 };
  if (kind === 'gru') return { h: 30, x: 45, y: 215 };
  return { h: 150, x: 40, y: 200 };
}

/** The equations of each cell, for `<desc>`. */
export const CELL_EQUATIONS: Record<CellKind, string> = {
  simple: 'hₜ = tanh(W·xₜ + U·hₜ₋₁ + b); yₜ = hₜ.',
  lstm: 'fₜ = σ(W_f·xₜ + U_f·hₜ₋₁ + b_f), iₜ = σ(…), oₜ = σ(…), c̃ₜ = tanh(…); cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ c̃ₜ; hₜ = oₜ ⊙ tanh(cₜ).',
  gru: 'rₜ = σ(W_r·xₜ + U_r·hₜ₋₁ + b_r), zₜ = σ(…); h̃ₜ = tanh(W·xₜ + U·(rₜ ⊙ hₜ₋₁) + b); hₜ = (1 − zₜ) ⊙ hₜ₋₁ + zₜ ⊙ h̃ₜ.',
};

/** Wires and nodes inside one cell (local coordinates). */
export function cellInternals(kind: CellKind, theme: Theme): string {
  const w = (points: readonly (readonly [number, number])[], arrow = true, bridge = false): string => wire(points, theme, { arrow, bridge });
  const gateY = 115;
  if (kind === 'lstm') {
    return [
      w([[0, 30], [44, 30]]), // cₜ₋₁ → ⊙
      w([[66, 30], [124, 30]]), // → +
      w([[146, 30], [240, 30]], false), // cₜ →
      w([[210, 30], [210, 55]]), // cₜ → tanh
      w([[0, 150], [175, 150]], false), // [hₜ₋₁, xₜ] bus
      w([[30, 180], [30, 150]], false), // xₜ joins the bus
      ...[55, 95, 135, 175].map((x) => w([[x, 150], [x, 126]])),
      w([[55, 104], [55, 41]]), // f → ⊙ on the cell line
      w([[95, 104], [95, 75], [124, 75]]), // i → ⊙
      w([[135, 104], [135, 86]]), // c̃ → ⊙
      w([[135, 64], [135, 41]]), // i⊙c̃ → +
      w([[194, 115], [199, 115]]), // o → ⊙
      w([[210, 75], [210, 104]]), // tanh(c) → ⊙
      w([[210, 126], [210, 150], [240, 150]], false), // hₜ →
      w([[228, 150], [228, 44]], false), // hₜ ↑ to yₜ …
      w([[228, 44], [228, 0]], false, true), // … bridging the cell-state line
      opNode(55, 30, '⊙', theme),
      opNode(135, 30, '+', theme),
      opNode(135, 75, '⊙', theme),
      opNode(210, 65, 'tanh', theme),
      opNode(210, 115, '⊙', theme),
      layerBox(55, gateY, 'σ', 'f', theme),
      layerBox(95, gateY, 'σ', 'i', theme),
      layerBox(135, gateY, 'tanh', 'c̃', theme),
      layerBox(175, gateY, 'σ', 'o', theme),
    ].join('');
  }
  if (kind === 'gru') {
    return [
      w([[0, 30], [99, 30]]), // hₜ₋₁ → ⊙ (keep)
      w([[121, 30], [159, 30]]), // → +
      w([[181, 30], [240, 30]], false), // hₜ →
      w([[215, 30], [215, 0]], false), // hₜ ↑ to yₜ
      w([[20, 30], [20, 150], [110, 150]], false), // hₜ₋₁ down to the bus
      w([[45, 180], [45, 150]], false), // xₜ joins the bus
      w([[20, 75], [39, 75]]), // hₜ₋₁ → ⊙ (reset)
      w([[50, 150], [50, 126]]),
      w([[110, 150], [110, 126]]),
      w([[50, 104], [50, 86]]), // r → ⊙
      w([[61, 75], [75, 75], [75, 138], [170, 138], [170, 126]], true, true), // rₜ⊙hₜ₋₁ → tanh, over z's input
      w([[110, 104], [110, 88], [150, 88], [150, 64], [159, 64]]), // z → ⊙ (new)
      w([[110, 88], [110, 72]]), // z → 1−
      w([[110, 52], [110, 41]]), // 1−z → ⊙ (keep)
      w([[170, 104], [170, 75]]), // h̃ → ⊙
      w([[170, 53], [170, 41]]), // z⊙h̃ → +
      opNode(110, 30, '⊙', theme),
      opNode(170, 30, '+', theme),
      opNode(50, 75, '⊙', theme),
      opNode(110, 62, '1−', theme),
      opNode(170, 64, '⊙', theme),
      layerBox(50, gateY, 'σ', 'r', theme),
      layerBox(110, gateY, 'σ', 'z', theme),
      layerBox(170, gateY, 'tanh', 'h̃', theme),
    ].join('');
  }
  return [
    w([[0, 150], [120, 150]], false), // [hₜ₋₁, xₜ]
    w([[40, 180], [40, 150]], false),
    w([[120, 150], [120, 126]]),
    w([[120, 104], [120, 70], [200, 70], [200, 150], [240, 150]], false), // hₜ →
    w([[200, 70], [200, 0]], false), // hₜ ↑ to yₜ
    layerBox(120, gateY, 'tanh', '', theme),
    textEl({ class: 'equation', x: 14, y: 32, 'font-size': 13, fill: theme.foreground }, 'hₜ = tanh(W·xₜ + U·hₜ₋₁ + b)'),
  ].join('');
}
