// Public API of @rnnkit/core. Every export is named here.

export { RnnkitError, isRnnkitError, formatShape } from './errors.js';
export type { RnnkitErrorCode, RnnkitErrorDetails } from './errors.js';
export { createRng } from './rng.js';
export type { Rng, RngState } from './rng.js';
export { checkShape, checkFinite, checkPositiveInt } from './check.js';
export { activate, activationGradFromOutput } from './activations.js';
export { glorotUniform, glorotUniformValues, computeFans } from './init/glorot-uniform.js';
export { orthogonal, orthogonalValues } from './init/orthogonal.js';
export { zeros, unitForgetBias } from './init/zeros.js';
export type {
  Activation,
  CellKind,
  CellParams,
  CellParamGradients,
  CellStepOptions,
  CellStepResult,
  CellBackwardResult,
  CellConfig,
  RecurrentCell,
} from './cell.js';
export { simpleRnnCell } from './cells/simple-rnn-cell.js';
export type { SimpleRnnCellOptions, SimpleRnnCache } from './cells/simple-rnn-cell.js';
export { lstmCell } from './cells/lstm-cell.js';
export type { LstmCellOptions, LstmCache } from './cells/lstm-cell.js';
export { gruCell } from './cells/gru-cell.js';
export type { GruCellOptions, GruCache } from './cells/gru-cell.js';
export { initBackend, BACKEND_PACKAGES, DEFAULT_BACKEND_ORDER } from './backend/init-backend.js';
export type { BackendName, BackendEnvironment, InitBackendOptions, BackendInfo } from './backend/init-backend.js';
