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

// Sequence layers and models (layers/, model/).
export type {
  Shape,
  LayerWeight,
  ApplyOptions,
  ForwardContext,
  ForwardResult,
  BackwardResult,
  KerasLayerConfig,
  KerasLayerSpec,
  Layer,
  DifferentiableLayer,
} from './layers/layer.js';
export type { BaseLayerOptions } from './layers/base-layer.js';
export { disposeCache } from './layers/cache-tensors.js';
export { dropoutMask } from './layers/dropout-mask.js';
export { rnn, isRnnLayer } from './layers/rnn.js';
export type { RecurrentLayerOptions, RnnOptions, RnnLayer, RnnOutputOf, CellParamWeights, CellCacheOf } from './layers/rnn.js';
export type { RnnCache } from './layers/rnn-cache.js';
export { stepTrace, CELL_GATES } from './layers/step-trace.js';
export type { StepTrace, StepMatrix } from './layers/step-trace.js';
export { simpleRnn } from './layers/simple-rnn.js';
export type { SimpleRnnOptions } from './layers/simple-rnn.js';
export { lstm } from './layers/lstm.js';
export type { LstmOptions } from './layers/lstm.js';
export { gru } from './layers/gru.js';
export type { GruOptions } from './layers/gru.js';
export { bidirectional, isBidirectional } from './layers/bidirectional.js';
export type { BidirectionalOptions, BidirectionalLayer, BidirectionalCache, MergeMode } from './layers/bidirectional.js';
export { dense } from './layers/dense.js';
export type { DenseOptions, DenseActivation, DenseCache } from './layers/dense.js';
export { embedding } from './layers/embedding.js';
export type { EmbeddingOptions, EmbeddingCache } from './layers/embedding.js';
export { masking } from './layers/masking.js';
export type { MaskingOptions, MaskingCache } from './layers/masking.js';
export { dropout } from './layers/dropout.js';
export type { DropoutOptions, DropoutCache } from './layers/dropout.js';
export { sequential } from './model/sequential.js';
export type { SequentialOptions, SequentialModel, PredictOptions, ModelForwardResult } from './model/sequential.js';
export { formatSummary, formatKerasShape } from './model/format-summary.js';
export type { ModelSummary, LayerSummary } from './model/model-summary.js';
// Model files: the TensorFlow.js layers format (model.json + weight shards), Keras interop.
export { saveModel } from './io/save-model.js';
export type { SaveModelOptions, ModelTarget } from './io/save-model.js';
export { loadModel } from './io/load-model.js';
export type { LoadModelOptions, LoadedModel, ModelSource } from './io/load-model.js';
export { modelDirectory, defaultShardSizeBytes } from './io/model-directory.js';
export type { ModelDirectoryOptions } from './io/model-directory.js';
export type { FileSystem, FileHandleLike, FileStats } from './io/node-modules.js';
export { modelToArtifacts, modelTopology } from './io/model-to-artifacts.js';
export type { ModelToArtifactsOptions, KerasModelTopology } from './io/model-to-artifacts.js';
export type { SavableModel } from './io/model-adapter.js';
export { readMetadata } from './io/model-metadata.js';
export type { ModelMetadata, LoadedMetadata, WindowMetadata, TrainingHistory, HasJson } from './io/model-metadata.js';
export type { WeightGroups, WeightGroupTensors } from './io/weight-groups.js';
export { defaultLoadLimits, maxJsonDepth } from './io/load-limits.js';
export type { LoadLimits } from './io/load-limits.js';
export type { HttpOptions, FetchFunction } from './io/guarded-http.js';
export type { JsonValue, JsonObject } from './io/json-guard.js';
export { loadableLayerClasses } from './io/keras-topology.js';
export { rnnkitVersion } from './io/rnnkit-version.js';

// Fused sequence kernels (fused/): raw Float32Array kernels (JS, WASM SIMD, or the optional native gemm) for training and streaming.
export { fusedForward, fusedBackward, canFuse, FusedTrace } from './fused/fused-layer.js';
export type { FusedRnnCache, FusedOptions, FusedBackwardOptions, FusedBackwardResult } from './fused/fused-layer.js';
export { fusedBidirectionalForward, fusedBidirectionalBackward, canFuseBidirectional } from './fused/fused-bidirectional.js';
export type { FusedBidirectionalCache, FusedBidirectionalGradients } from './fused/fused-bidirectional.js';
export { fusedRnn } from './fused/fused-rnn.js';
export { fusedMatMul, fusedDense } from './fused/fused-dense.js';
export type { FusedMatMulOptions } from './fused/fused-dense.js';
export { fusedAdam } from './fused/fused-adam.js';
export type { FusedAdam, FusedAdamOptions } from './fused/fused-adam.js';
export type { FusedRnnOptions } from './fused/fused-rnn.js';
export { createStepper } from './fused/stepper.js';
export type { Stepper, StepperOptions } from './fused/stepper.js';
export { setFusedBackend, fusedBackend, setFusedThreads, fusedThreads, nativeGemmUnavailableReason, availableFusedBackends } from './fused/fused-backend.js';
export type { FusedBackendName } from './fused/fused-backend.js';
