// `rnnkit inspect <model-dir> [--trace input]`: the model's summary and what its directory says
// about training; with --trace, heatmaps of the hidden state, cell state and gates over the
// input's time steps and the gradient flow ‖∂L/∂h_t‖, in the terminal and as SVG in --out.

import { join } from 'node:path';
import type { LoadedModel } from '@rnnkit/core';
import { meanSquaredError, sparseCategoricalCrossEntropy } from '@rnnkit/train';
import { gradientFlow, heatmap, terminalHeatmap, terminalLinePlot } from '@rnnkit/viz';
import { tensor } from '@tensorflow/tfjs-core';
import { stat } from 'node:fs/promises';
import { CliError } from '../cli-error.js';
import type { CommandScope } from '../command-scope.js';
import type { InspectOptions } from '../commands/inspect-command.js';
import { stageOutputDir, writeFileAtomic } from '../files/output-dir.js';
import { readInputFile } from '../files/read-input-file.js';
import { readForecastMetadata } from '../forecast/forecast-metadata.js';
import { loadForecastSeries } from '../forecast/load-series.js';
import { loadModelDir } from '../model/load-model-dir.js';
import { readTextMetadata } from '../text/text-metadata.js';
import { gateField, traceModel } from './trace-model.js';
import type { ModelTraceResult } from './trace-model.js';

/** Most time steps a text trace reads (the charts stay legible). */
const MAX_TEXT_STEPS = 120;

/** What the model directory says about the model, for the summary. */
function describeModel(dir: string, loaded: LoadedModel): { kind: string; facts: [string, string][] } {
  const { metadata } = loaded;
  const forecast = metadata.all['forecast'] as { target?: string; features?: string[]; data?: { source?: string }; scores?: Record<string, { rmse: number }> } | undefined;
  const text = metadata.all['text'] as { data?: { source?: string; tokens?: number }; metrics?: Record<string, number | null> } | undefined;
  const facts: [string, string][] = [['written by', loaded.generatedBy ?? 'unknown']];
  if (metadata.window) facts.push(['window', `${metadata.window.window} step(s) in, ${metadata.window.horizon ?? 1} out`]);
  if (forecast) {
    facts.push(['predicts', `${forecast.target ?? '?'} from ${(forecast.features ?? []).join(', ')}`], ['trained on', forecast.data?.source ?? '?']);
    for (const [name, s] of Object.entries(forecast.scores ?? {})) facts.push([`test RMSE, ${name}`, s.rmse.toFixed(3)]);
  }
  if (text) {
    const kind = (metadata.tokenizer as { kind?: string } | null)?.kind ?? '?';
    facts.push(['tokenizer', kind], ['trained on', `${text.data?.source ?? '?'} (${text.data?.tokens ?? '?'} tokens)`]);
    for (const [name, v] of Object.entries(text.metrics ?? {})) facts.push([`validation ${name}`, v === null ? 'n/a' : v.toFixed(4)]);
  }
  const history = metadata.history;
  if (history?.['loss']) facts.push(['epochs trained', String(history['loss'].length)]);
  return { kind: forecast ? 'forecaster' : text ? 'language model' : `model from ${dir}`, facts };
}

/** The trace input as model tensors and labels for the time axis. */
async function traceInput(dir: string, loaded: LoadedModel, input: string): Promise<{ x: number[]; xShape: number[]; y: number[]; yShape: number[]; labels: string[]; kind: 'forecast' | 'text'; source: string }> {
  if (loaded.metadata.all['text']) {
    const { tokenizer } = readTextMetadata(dir, loaded.metadata);
    const isFile = await stat(input).then((s) => s.isFile()).catch(() => false);
    const text = isFile ? (await readInputFile(input, 'text file')).slice(0, 4 * MAX_TEXT_STEPS) : input;
    let ids: number[];
    try {
      ids = Array.from(tokenizer.encode(text)).slice(0, MAX_TEXT_STEPS + 1);
    } catch (cause) {
      throw new CliError('data', `--trace ${JSON.stringify(input.slice(0, 40))} cannot be encoded: ${(cause as Error).message.replace(/^[\w.]+: /, '')}`, 'use characters the model was trained on', { cause });
    }
    if (ids.length < 2) throw new CliError('data', `--trace ${JSON.stringify(input)} is ${ids.length} token(s) long`, 'give at least two tokens (the model predicts each next one)');
    const xs = ids.slice(0, -1);
    return { x: xs, xShape: [1, xs.length], y: ids.slice(1), yShape: [1, xs.length], labels: xs.map((id) => tokenizer.decode([id])), kind: 'text', source: isFile ? input : 'the --trace text' };
  }
  const meta = readForecastMetadata(dir, loaded.metadata);
  const { info, window, scaler } = meta;
  const loadedSeries = await loadForecastSeries(input, await readInputFile(input, 'CSV file'), { column: info.target, dateColumn: info.dateColumn ?? undefined, features: info.features, missing: 'error' });
  const { series } = loadedSeries;
  if (series.rows < window + meta.horizon) throw new CliError('data', `${input} has ${series.rows} rows; tracing needs a window of ${window} plus ${meta.horizon} target row(s)`, `give at least ${window + meta.horizon} rows`);
  const scaled = scaler.transform(series);
  const names = series.columnNames ?? [];
  const from = series.rows - window - meta.horizon;
  const x: number[] = [];
  for (let t = from; t < from + window; t++) for (const f of info.features) x.push(scaled.values[t * series.columns + names.indexOf(f)] as number);
  const target = names.indexOf(info.target);
  const y = Array.from({ length: meta.horizon }, (_, h) => scaled.values[(from + window + h) * series.columns + target] as number);
  const labels = series.dates ? series.dates.slice(from, from + window) : Array.from({ length: window }, (_, t) => String(from + t));
  return { x, xShape: [1, window, info.features.length], y, yShape: [1, meta.horizon], labels, kind: 'forecast', source: input };
}

/** Runs `rnnkit inspect`. */
export async function runInspect(modelDir: string, options: InspectOptions, scope: CommandScope): Promise<void> {
  const { output } = scope;
  const staged = options.trace === undefined ? undefined : await stageOutputDir(options.out, { force: options.force });
  try {
    const loaded = await loadModelDir(modelDir);
    try {
      const summary = loaded.model.summaryInfo();
      const { kind, facts } = describeModel(modelDir, loaded);
      const width = Math.max(...facts.map(([key]) => key.length));
      output.data(`${modelDir}: ${kind}\n\n${loaded.model.summary()}\n\n${facts.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n')}`);
      let trace: (ModelTraceResult & { source: string; labels: string[]; files: string[] }) | undefined;
      if (options.trace !== undefined && staged) {
        const input = await traceInput(modelDir, loaded, options.trace);
        const x = tensor(input.x, input.xShape, input.kind === 'text' ? 'int32' : 'float32');
        const y = tensor(input.y, input.yShape, input.kind === 'text' ? 'int32' : 'float32');
        let result: ModelTraceResult;
        try {
          result = traceModel(loaded.model, x, y, input.kind === 'text' ? sparseCategoricalCrossEntropy() : meanSquaredError());
        } finally {
          x.dispose();
          y.dispose();
        }
        const files: string[] = [];
        for (const layer of result.layers) {
          const file = layer.name.replace(/\//g, '-');
          const charts: [string, string][] = [
            [`${file}-hidden`, heatmap(layer.hidden, { title: `${layer.name}: hidden state h_t`, activation: 'tanh', timeLabels: input.labels, colorLabel: 'h', idPrefix: `${file}-hidden` })],
            ...(layer.cell ? ([[`${file}-cell`, heatmap(layer.cell, { title: `${layer.name}: cell state c_t`, timeLabels: input.labels, colorLabel: 'c', idPrefix: `${file}-cell` })]] as [string, string][]) : []),
            ...Object.entries(layer.gates).map(([gate, values]): [string, string] => [
              `${file}-${gateField(gate)}`,
              heatmap(values, { title: `${layer.name}: ${gate}`, activation: gate.startsWith('candidate') ? 'tanh' : 'sigmoid', timeLabels: input.labels, colorLabel: gate, idPrefix: `${file}-${gateField(gate)}` }),
            ]),
            [`${file}-gradient-flow`, gradientFlow([{ label: layer.name, norms: layer.gradientNorms }], { title: `${layer.name}: gradient norm per time step`, floor: 1e-30, idPrefix: `${file}-gradient` })],
          ];
          for (const [name, svg] of charts) {
            await writeFileAtomic(join(staged.path, `${name}.svg`), svg);
            files.push(`${name}.svg`);
          }
          // Dates are cut to MM-DD so the terminal's time axis labels do not run together.
          const shortLabels = input.labels.map((l) => (/^\d{4}-\d{2}-\d{2}$/.test(l) ? l.slice(5) : l));
          output.print(`\n${terminalHeatmap(layer.hidden, { title: `${layer.name}: hidden state h_t (units × time)`, activation: 'tanh', timeLabels: shortLabels, color: scope.color, width: 100 })}`);
          output.print(
            `\n${terminalLinePlot([{ label: '|dL/dh_t|', values: layer.gradientNorms.map((v) => Math.max(v, 1e-30)) }], { title: `${layer.name}: gradient norm |dL/dh_t| per time step (log scale)`, logScale: true, color: scope.color, width: 72, height: 10 })}`,
          );
        }
        await writeFileAtomic(join(staged.path, 'trace.json'), `${JSON.stringify({ model: modelDir, input: input.source, labels: input.labels, ...result }, null, 1)}\n`);
        files.push('trace.json');
        await staged.commit();
        output.print(`\ntrace of ${input.source} written to ${options.out}/ (${files.length} files)`);
        trace = { ...result, source: input.source, labels: input.labels, files };
      }
      output.result({
        command: 'inspect',
        model: modelDir,
        kind,
        summary,
        facts: Object.fromEntries(facts),
        ...(trace ? { trace: { out: staged?.target, input: trace.source, loss: trace.loss, files: trace.files, layers: trace.layers.map((l) => ({ name: l.name, className: l.className, steps: l.hidden.length, gradientNorms: l.gradientNorms })) } } : {}),
      });
    } finally {
      loaded.model.dispose();
    }
  } finally {
    await staged?.discard();
  }
}
