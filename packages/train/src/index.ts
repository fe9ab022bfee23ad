// Public API of @rnnkit/train. Every export is named here.

// Losses (value and ∂/∂predictions) and metrics.
export { meanSquaredError } from './losses/mean-squared-error.js';
export { meanAbsoluteError } from './losses/mean-absolute-error.js';
export { huber } from './losses/huber.js';
export type { HuberOptions } from './losses/huber.js';
export { sparseCategoricalCrossEntropy } from './losses/sparse-categorical-cross-entropy.js';
export { logSoftmax } from './losses/log-softmax.js';
export type { Loss, LossName, LossResult } from './losses/loss.js';
export { rmse, mae, mape } from './metrics/regression-metrics.js';
export { accuracy, perplexity, bitsPerCharacter } from './metrics/classification-metrics.js';
export { evaluateMetric, addTotals } from './metrics/metric.js';
export type { Metric, MetricName, MetricTotals } from './metrics/metric.js';

// Optimizers (torch.optim's update rules), clipping, learning-rate schedules.
export { sgd } from './optimizers/sgd.js';
export type { SgdOptions } from './optimizers/sgd.js';
export { momentum } from './optimizers/momentum.js';
export type { MomentumOptions } from './optimizers/momentum.js';
export { nesterov } from './optimizers/nesterov.js';
export type { NesterovOptions } from './optimizers/nesterov.js';
export { rmsprop } from './optimizers/rmsprop.js';
export type { RmspropOptions } from './optimizers/rmsprop.js';
export { adagrad } from './optimizers/adagrad.js';
export type { AdagradOptions } from './optimizers/adagrad.js';
export { adam } from './optimizers/adam.js';
export type { AdamOptions } from './optimizers/adam.js';
export { adamw } from './optimizers/adamw.js';
export type { NamedTensors, Optimizer, OptimizerKind, OptimizerState } from './optimizers/optimizer.js';
export { clipByValue } from './clip/clip-by-value.js';
export { clipByNorm } from './clip/clip-by-norm.js';
export { clipByGlobalNorm, globalNorm, tensorNorms } from './clip/clip-by-global-norm.js';
export type { GlobalNormClipResult } from './clip/clip-by-global-norm.js';
export { constantRate } from './schedules/constant.js';
export type { ConstantRateOptions } from './schedules/constant.js';
export { stepDecay } from './schedules/step-decay.js';
export type { StepDecayOptions } from './schedules/step-decay.js';
export { exponentialDecay } from './schedules/exponential-decay.js';
export type { ExponentialDecayOptions } from './schedules/exponential-decay.js';
export { cosineWithWarmup } from './schedules/cosine-with-warmup.js';
export type { CosineWithWarmupOptions } from './schedules/cosine-with-warmup.js';
export { reduceOnPlateau } from './schedules/reduce-on-plateau.js';
export type { ReduceOnPlateauOptions } from './schedules/reduce-on-plateau.js';
export type { LearningRateSchedule, ScheduleKind, ScheduleUnit, TrainingProgress } from './schedules/schedule.js';

// Backpropagation through time.
export { backpropThroughTime } from './bptt/backprop-through-time.js';
export type { BpttOptions, BpttResult, RecurrentTrace } from './bptt/backprop-through-time.js';
export { forwardModel, backwardModel, disposeModelTrace } from './bptt/model-gradients.js';
export type { ModelForwardOptions, ModelBackwardOptions, ModelGradients, ModelTrace, LayerTrace } from './bptt/model-gradients.js';
export { isRecurrentLayer, isBidirectionalLayer } from './bptt/model-layers.js';
export type {
  TrainableModel,
  TrainableLayer,
  RecurrentTrainableLayer,
  BidirectionalTrainableLayer,
  ModelWeight,
  LayerForwardContext,
} from './bptt/model-layers.js';
export { truncationWindows } from './bptt/truncated-bptt.js';
export type { TruncatedBpttOptions, TruncationWindow } from './bptt/truncated-bptt.js';
export { checkGradients } from './bptt/check-gradients.js';
export type { CheckGradientsOptions, GradientCheckEntry, GradientCheckReport } from './bptt/check-gradients.js';
export { eigenvalues, spectralRadius } from './bptt/eigenvalues.js';
export type { Eigenvalue } from './bptt/eigenvalues.js';
export { recurrentSpectralRadius, gateNames } from './bptt/recurrent-spectral-radius.js';
export type { GateSpectralRadius } from './bptt/recurrent-spectral-radius.js';

// The training loop.
export { train } from './loop/train.js';
export type { TrainOptions, TrainCallbacks, TrainResult, StopReason, BatchLogs, EpochLogs, RecordOptions } from './loop/train-options.js';
export { trainStep } from './loop/train-step.js';
export type { ClipOptions, StepInput, StepOutput } from './loop/train-step.js';
export { evaluate } from './loop/evaluate.js';
export type { EvaluateOptions } from './loop/evaluate.js';
export type { Batch, BatchInput, BatchSource } from './loop/batches.js';
export type { EarlyStoppingOptions } from './loop/early-stopping.js';
export type { DivergenceCause, DivergenceReport } from './loop/divergence.js';

// Checkpoints.
export { saveCheckpoint, loadCheckpoint, parseCheckpoint, CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './io/checkpoint.js';
export type { Checkpoint, PartialEpoch } from './io/checkpoint.js';
export { writeFileAtomic } from './io/atomic-write.js';
export type { AtomicWriteOptions, AtomicWriteFileSystem } from './io/atomic-write.js';
export { encodeTensor, decodeTensor } from './io/tensor-codec.js';
export type { EncodedTensor } from './io/tensor-codec.js';

// Baselines, tasks and sampling.
export { persistenceForecast } from './baselines/persistence.js';
export type { PersistenceOptions } from './baselines/persistence.js';
export { mlpBaseline, flattenWindows } from './baselines/mlp-baseline.js';
export type { MlpBaselineOptions } from './baselines/mlp-baseline.js';
export { addingProblem, ADDING_PROBLEM_TRIVIAL_MSE } from './tasks/adding-problem.js';
export type { AddingProblemOptions } from './tasks/adding-problem.js';
export { noisySine } from './tasks/noisy-sine.js';
export type { NoisySineOptions } from './tasks/noisy-sine.js';
export { sampleToken, samplingDistribution, argmax } from './sampling/sample-token.js';
export type { SamplingOptions } from './sampling/sample-token.js';
export { generateTokens } from './sampling/generate-tokens.js';
export type { GenerateOptions, StreamingModel } from './sampling/generate-tokens.js';
