// `rnnkit forecast <file.csv>`: check --out first (so a clash fails before any training), load
// the CSV, fit and score the forecaster, then write the model directory — model + scaler +
// settings, charts, metrics.json — atomically into --out.

import { join, resolve } from 'node:path';
import { saveModel } from '@rnnkit/core';
import { CliError } from '../cli-error.js';
import type { CommandScope } from '../command-scope.js';
import type { ForecastOptions } from '../commands/forecast-command.js';
import { inContext } from '../describe-error.js';
import { stageOutputDir, writeFileAtomic } from '../files/output-dir.js';
import { historySeries, settingsRecord } from '../training/history-series.js';
import { checkpointDirFor, closeCheckpointDir, dropEmptyCheckpointDir, readCheckpointDir, resumedSettings, sha256 } from '../training/checkpoint-dir.js';
import { forecastCharts, terminalForecast, writeCharts } from './forecast-charts.js';
import { forecastMetadata } from './forecast-metadata.js';
import type { ForecastInfo } from './forecast-metadata.js';
import type { ForecasterSettings } from './fit-forecaster.js';
import { fitWithBaselines } from './fit-with-baselines.js';
import { scoreTable, seriesTail } from './forecast-summary.js';
import { readInputFile } from '../files/read-input-file.js';
import { loadForecastSeries } from './load-series.js';

/** The options that define a forecasting run (a checkpoint must match them). */
const RUN_KEYS = [
  'column',
  'dateColumn',
  'features',
  'window',
  'horizon',
  'cell',
  'units',
  'layers',
  'bidirectional',
  'epochs',
  'batchSize',
  'lr',
  'optimizer',
  'clip',
  'val',
  'test',
  'missing',
  'seed',
] as const;

/** Runs `rnnkit forecast`. */
export async function runForecast(file: string, given: ForecastOptions, scope: CommandScope): Promise<void> {
  const { output } = scope;
  const text = await readInputFile(file, 'CSV file');
  const dataSha256 = sha256(text);
  const run = given.resume === undefined ? undefined : await readCheckpointDir(given.resume, 'forecast');
  if (run && run.dataSha256 !== dataSha256) {
    throw new CliError('data', `${file} is not the file the checkpoint in ${given.resume} was trained on (its contents differ)`, 'resume with the same data, or start a new run without --resume');
  }
  const runKeys: readonly string[] = RUN_KEYS;
  const options = run ? resumedSettings(run.settings, given, scope.explicit.filter((k) => runKeys.includes(k)), ['epochs']) : given;
  const staged = await stageOutputDir(options.out, { force: options.force });
  const checkpointDir = given.resume ?? checkpointDirFor(options.out);
  try {
    output.status(`loading ${file}`);
    const loaded = await loadForecastSeries(file, text, { column: options.column, dateColumn: options.dateColumn, features: options.features, missing: options.missing });
    const settings: ForecasterSettings = {
      window: options.window,
      horizon: options.horizon,
      cell: options.cell,
      units: options.units,
      layers: options.layers,
      bidirectional: options.bidirectional,
      epochs: options.epochs,
      batchSize: options.batchSize,
      lr: options.lr,
      optimizer: options.optimizer,
      clip: options.clip,
      seed: options.seed,
    };
    const runSettings = Object.fromEntries(RUN_KEYS.map((k) => [k, options[k] ?? null]));
    const record = { format: 'rnnkit-cli-run', version: 1, command: 'forecast', settings: runSettings, dataSha256 } as const;
    const { fitted, mlp } = await fitWithBaselines(
      {
        loaded,
        split: { val: options.val, test: options.test },
        settings,
        mlpWindow: options.window,
        record,
        checkpointDir,
        resuming: given.resume !== undefined,
        where: file,
      },
      scope,
    );
    try {
      const modelName = `${options.bidirectional ? 'Bi-' : ''}${options.cell.toUpperCase()}`;
      const scores = [
        { name: modelName, ...fitted.scores.model },
        { name: 'MLP', ...mlp.score },
        { name: 'persistence', ...fitted.scores.persistence },
      ];
      const info: ForecastInfo = {
        kind: 'rnnkit-forecast',
        version: 1,
        target: loaded.target,
        features: [...loaded.features],
        dateColumn: loaded.dateColumn ?? null,
        tail: seriesTail(fitted, options.window),
        data: { source: resolve(file), rows: loaded.series.rows },
        settings: settingsRecord(runSettings),
        scores: Object.fromEntries(scores.map((s) => [s.name, { rmse: s.rmse, mae: s.mae }])),
      };
      await inContext(options.out, () =>
        saveModel(fitted.model, staged.path, { metadata: forecastMetadata(info, fitted.data.scaler, options.window, options.horizon, historySeries(fitted.training.history)), overwrite: true }),
      );
      const charts = forecastCharts(fitted, { model: modelName, valueLabel: loaded.target, title: `${loaded.target}: ${modelName} forecast vs actual on the test part` });
      const chartFiles = await writeCharts(staged.path, charts);
      const metrics = {
        file: resolve(file),
        target: loaded.target,
        features: loaded.features,
        rows: { train: fitted.data.rows.train, validation: fitted.data.rows.validation, test: fitted.data.rows.test },
        epochs: fitted.training.epochs,
        stopReason: fitted.training.stopReason,
        scores: info.scores,
        history: historySeries(fitted.training.history),
      };
      await writeFileAtomic(join(staged.path, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
      await staged.commit();
      await closeCheckpointDir(checkpointDir);

      output.data(`\n${scoreTable(scores, '')}\n`);
      output.print(`\n${terminalForecast(fitted, modelName, { color: scope.color, title: `${loaded.target}: test part, actual vs ${modelName}` })}`);
      output.print(`\nmodel, charts and metrics written to ${options.out}/`);
      output.result({
        command: 'forecast',
        out: staged.target,
        files: ['model.json', ...chartFiles, 'metrics.json'],
        ...metrics,
        backend: scope.backend,
      });
    } finally {
      fitted.model.dispose();
    }
  } finally {
    await staged.discard();
    await dropEmptyCheckpointDir(checkpointDir);
  }
}
