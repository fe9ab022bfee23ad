// `rnnkit demo`: the lecture's temperature example end to end. An LSTM reads 30 days of
// Melbourne's daily minimum temperature and predicts the next; 1989 validates, 1990 is held
// out. The LSTM, persistence and the lecture's windowed MLP are scored on 1990; the RMSE table
// and a plot go to the terminal, report.html + charts + the model to ./rnnkit-demo/.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { saveModel } from '@rnnkit/core';
import { bundledDatasetPath, loadBundledSeries } from '@rnnkit/data/node';
import { unrolledGraph, windowDiagram } from '@rnnkit/viz';
import { CliError } from '../cli-error.js';
import type { CommandScope } from '../command-scope.js';
import type { DemoOptions } from '../commands/demo-command.js';
import { inContext } from '../describe-error.js';
import { stageOutputDir, writeFileAtomic } from '../files/output-dir.js';
import { forecastCharts, terminalForecast, writeCharts } from '../forecast/forecast-charts.js';
import { forecastMetadata } from '../forecast/forecast-metadata.js';
import type { ForecastInfo } from '../forecast/forecast-metadata.js';
import type { ForecasterSettings } from '../forecast/fit-forecaster.js';
import { fitWithBaselines } from '../forecast/fit-with-baselines.js';
import type { LoadedSeries } from '../forecast/load-series.js';
import { scoreTable, seriesTail } from '../forecast/forecast-summary.js';
import { htmlReport } from '../report/html-report.js';
import { historySeries, settingsRecord } from '../training/history-series.js';
import { checkpointDirFor, closeCheckpointDir, dropEmptyCheckpointDir, readCheckpointDir, resumedSettings, sha256 } from '../training/checkpoint-dir.js';
import { DEMO } from './demo-settings.js';

/** Runs `rnnkit demo`. */
export async function runDemo(given: DemoOptions, scope: CommandScope): Promise<void> {
  const { output } = scope;
  const csvPath = bundledDatasetPath(DEMO.dataset);
  const dataSha256 = sha256(await readFile(csvPath, 'utf8'));
  const run = given.resume === undefined ? undefined : await readCheckpointDir(given.resume, 'demo');
  if (run && run.dataSha256 !== dataSha256) {
    throw new CliError('data', `the bundled dataset changed since the checkpoint in ${given.resume} was saved`, 'start a new demo without --resume');
  }
  const options = run ? resumedSettings(run.settings, given, scope.explicit.filter((k) => k === 'seed' || k === 'epochs'), ['epochs']) : given;
  const staged = await stageOutputDir(options.out, {
    force: options.force,
    marker: DEMO.marker,
    markerContents: `${JSON.stringify({ writtenBy: 'rnnkit demo', note: 'rnnkit demo replaces this directory on its next run' })}\n`,
  });
  const checkpointDir = given.resume ?? checkpointDirFor(options.out);
  try {
    output.status(`Melbourne daily minimum temperatures, 1981-1990 (bundled with @rnnkit/data); backend ${scope.backend}`);
    const series = await inContext(csvPath, () => loadBundledSeries(DEMO.dataset));
    const loaded: LoadedSeries = { series, target: 'Temp', features: ['Temp'], dateColumn: 'Date' };
    const settings: ForecasterSettings = {
      window: DEMO.window,
      horizon: 1,
      cell: 'lstm',
      units: DEMO.units,
      layers: 1,
      bidirectional: false,
      epochs: options.epochs,
      batchSize: DEMO.batchSize,
      lr: DEMO.lr,
      optimizer: 'adam',
      clip: DEMO.clip,
      seed: options.seed,
    };
    const record = { format: 'rnnkit-cli-run', version: 1, command: 'demo', settings: { epochs: options.epochs, seed: options.seed }, dataSha256 } as const;
    const { fitted, mlp } = await fitWithBaselines(
      {
        loaded,
        split: { validationFrom: DEMO.validationFrom, testFrom: DEMO.testFrom },
        settings,
        mlpWindow: DEMO.mlpWindow,
        record,
        checkpointDir,
        resuming: given.resume !== undefined,
        where: csvPath,
      },
      scope,
    );
    try {
      const scores = [
        { name: `LSTM (${DEMO.window} days)`, ...fitted.scores.model },
        { name: `MLP (${DEMO.mlpWindow} days)`, ...mlp.score },
        { name: 'persistence', ...fitted.scores.persistence },
      ];
      const table = scoreTable(scores, ' (°C)');
      const testRows = fitted.data.rows.test[1] - fitted.data.rows.test[0];

      const info: ForecastInfo = {
        kind: 'rnnkit-forecast',
        version: 1,
        target: 'Temp',
        features: ['Temp'],
        dateColumn: 'Date',
        tail: seriesTail(fitted, DEMO.window),
        data: { source: `@rnnkit/data bundled ${DEMO.dataset}`, rows: series.rows },
        settings: settingsRecord({ ...settings }),
        scores: Object.fromEntries(scores.map((s) => [s.name, { rmse: s.rmse, mae: s.mae }])),
      };
      await inContext(options.out, () =>
        saveModel(fitted.model, staged.path, { metadata: forecastMetadata(info, fitted.data.scaler, DEMO.window, 1, historySeries(fitted.training.history)), overwrite: true }),
      );
      const charts = {
        ...forecastCharts(fitted, { model: 'LSTM', valueLabel: 'Minimum temperature (°C)', title: 'Held-out 1990: LSTM one-day-ahead forecast vs actual' }),
        windows: windowDiagram(Array.from(series.values.subarray(0, 10)), { window: DEMO.mlpWindow, maxWindows: 4, yLabel: 'Temp (°C)', title: 'The windowed dataset: 3 days → the next', idPrefix: 'windows' }),
        unrolled: unrolledGraph({ cell: 'lstm', steps: 4, internals: false, outputs: 'last', title: 'The LSTM unrolled over its input window', idPrefix: 'unrolled' }),
      };
      const chartFiles = await writeCharts(staged.path, charts, { png: false });
      const html = htmlReport({
        title: 'rnnkit demo: forecasting Melbourne temperatures with an LSTM',
        blocks: [
          {
            kind: 'text',
            text: `Daily minimum temperature in Melbourne, 1981-1990 (${series.rows} days). Training: 1981-1988; validation: 1989; held out: 1990 (${testRows} days). Each model predicts tomorrow's minimum from the days before it.`,
          },
          { kind: 'heading', text: 'Held-out 1990: error of each forecaster' },
          { kind: 'table', header: ['forecaster', 'RMSE (°C)', 'MAE (°C)'], rows: scores.map((s) => [s.name, s.rmse.toFixed(3), s.mae.toFixed(3)]) },
          { kind: 'svg', svg: charts.forecast, caption: 'The LSTM forecast for each day of 1990 against what was measured.' },
          { kind: 'heading', text: 'Training' },
          { kind: 'svg', svg: charts.loss, caption: `Mean squared error (standardised units) per epoch; ${fitted.training.epochs} epochs, backend ${scope.backend}.` },
          { kind: 'heading', text: 'How the data and the model look' },
          { kind: 'svg', svg: charts.windows, caption: "The lecture's windowed dataset: 3 consecutive days are an MLP sample, the next day its target." },
          { kind: 'svg', svg: charts.unrolled, caption: `The LSTM reads ${DEMO.window} days one at a time, carrying its hidden state h and cell state c, and predicts from the last state.` },
          { kind: 'pre', text: fitted.model.summary() },
        ],
      });
      await writeFileAtomic(join(staged.path, 'report.html'), html);
      await staged.commit();
      await closeCheckpointDir(checkpointDir);

      output.data(`\nHeld-out 1990 (${testRows} days), one day ahead:\n\n${table}\n`);
      output.print(`\n${terminalForecast(fitted, 'LSTM', { color: scope.color, title: '1990: actual vs LSTM forecast (°C)' })}`);
      output.print(`\nreport: ${join(options.out, 'report.html')}   model: ${options.out}/ (try: rnnkit predict ${options.out} --steps 7)`);
      output.result({
        command: 'demo',
        out: staged.target,
        report: join(staged.target, 'report.html'),
        files: ['model.json', 'report.html', ...chartFiles],
        dataset: { name: DEMO.dataset, path: resolve(csvPath), rows: series.rows },
        test: { from: DEMO.testFrom, days: testRows },
        epochs: fitted.training.epochs,
        scores: info.scores,
        history: historySeries(fitted.training.history),
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
