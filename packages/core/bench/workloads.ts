// The workloads (W1–W5) at full and smoke sizes. One recurrent layer + dense head,
// MSE, Adam (lr 1e-3), float32; W4 is a char-level LSTM language model; W5 streams one step.

export type CellName = 'LSTM' | 'GRU' | 'SimpleRNN';

export type TrainWorkload = {
  id: string;
  kind: 'train';
  cell: CellName;
  /** GRU form: Keras reset_after (PyTorch's only form; tf.layers cannot run it). */
  resetAfter?: boolean;
  batch: number;
  steps: number;
  inputSize: number;
  units: number;
};

export type CharWorkload = { id: 'W4'; kind: 'char'; batch: number; steps: number; embedding: number; units: number; vocab: number };

export type StreamWorkload = { id: 'W5'; kind: 'stream'; units: number; stepsPerSample: number };

export type Workload = TrainWorkload | CharWorkload | StreamWorkload;

/** The workloads, at the sizes or tiny ones for `--smoke`. */
export function workloads(smoke: boolean): Workload[] {
  const s = (full: number, tiny: number): number => (smoke ? tiny : full);
  return [
    { id: 'W1', kind: 'train', cell: 'LSTM', batch: s(32, 4), steps: s(50, 5), inputSize: 1, units: s(64, 8) },
    { id: 'W2', kind: 'train', cell: 'LSTM', batch: s(32, 4), steps: s(100, 6), inputSize: 1, units: s(256, 16) },
    { id: 'W3-GRU', kind: 'train', cell: 'GRU', batch: s(32, 4), steps: s(50, 5), inputSize: 1, units: s(64, 8) },
    // PyTorch's nn.GRU is always the reset-after form; this row compares the same math.
    { id: 'W3-GRU-ra', kind: 'train', cell: 'GRU', resetAfter: true, batch: s(32, 4), steps: s(50, 5), inputSize: 1, units: s(64, 8) },
    { id: 'W3-SimpleRNN', kind: 'train', cell: 'SimpleRNN', batch: s(32, 4), steps: s(50, 5), inputSize: 1, units: s(64, 8) },
    { id: 'W4', kind: 'char', batch: s(32, 4), steps: s(64, 8), embedding: s(64, 8), units: s(256, 16), vocab: 65 },
    { id: 'W5', kind: 'stream', units: s(128, 8), stepsPerSample: s(200, 20) },
  ];
}

/** Multiply-adds of one W1–W3 training step's matmuls (forward, BPTT, weight gradients). */
export function trainStepMacs(w: TrainWorkload): number {
  const G = w.cell === 'LSTM' ? 4 : w.cell === 'GRU' ? 3 : 1;
  const rows = w.batch * w.steps;
  const forward = rows * (w.inputSize + w.units) * G * w.units;
  const backward = rows * w.units * G * w.units /* dh */ + w.units * G * w.units * rows /* dU */ + w.inputSize * G * w.units * rows /* dW */ + rows * G * w.units * w.inputSize; /* dx */
  return forward + backward;
}
