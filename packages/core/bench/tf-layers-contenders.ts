// tf.layers' side: the same workloads as Keras-style models (recurrentActivation 'sigmoid', as
// rnnkit and PyTorch use; tf.layers' default is hardSigmoid), trained with `trainOnBatch` and
// tfjs's Adam, on whichever tfjs backend is active when the runner is made and run. No W4:
// the wasm backend has no UnsortedSegmentSum (an embedding's gradient) and the cpu backend
// takes minutes per step at W4's size; the issue records no tf.layers W4 figure either.

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Runner } from './rnnkit-contenders.js';
import { regressionBatch } from './rnnkit-contenders.js';
import type { StreamWorkload, TrainWorkload } from './workloads.js';

function recurrentLayer(w: TrainWorkload): tfl.layers.Layer {
  const common = { units: w.units, inputShape: [w.steps, w.inputSize] };
  if (w.cell === 'LSTM') return tfl.layers.lstm({ ...common, recurrentActivation: 'sigmoid' });
  if (w.cell === 'GRU') return tfl.layers.gru({ ...common, recurrentActivation: 'sigmoid' });
  return tfl.layers.simpleRNN(common);
}

/** null for a reset-after GRU: tf.layers cannot run one (tfjs issues #4621, #5728). */
export function tfLayersTrain(w: TrainWorkload): Runner | null {
  if (w.resetAfter) return null;
  const model = tfl.sequential({ layers: [recurrentLayer(w), tfl.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  const { x, y } = regressionBatch(w);
  return {
    run: () => model.trainOnBatch(x, y),
    dispose: () => {
      tf.dispose([x, y]);
      model.dispose();
    },
  };
}

export function tfLayersStream(w: StreamWorkload): Runner {
  const model = tfl.sequential({
    layers: [tfl.layers.lstm({ units: w.units, stateful: true, batchInputShape: [1, 1, 1], recurrentActivation: 'sigmoid' }), tfl.layers.dense({ units: 1 })],
  });
  const inputs = Array.from({ length: w.stepsPerSample }, (_, t) => Math.sin(t / 7));
  return {
    run: () => {
      for (const v of inputs) {
        const x = tf.tensor3d([v], [1, 1, 1]);
        const y = model.predict(x) as tf.Tensor;
        y.dataSync();
        tf.dispose([x, y]);
      }
    },
    dispose: () => model.dispose(),
  };
}
