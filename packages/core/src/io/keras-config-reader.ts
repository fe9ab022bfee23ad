// Reads one Keras layer config (snake_case, as Keras 2 / tf.keras / tfjs / Keras 3 write it)
// option by option. Every key must be either read or known to be harmless to drop
// (initializers, regularizers, constraints, Keras-3 bookkeeping); anything else is UNSUPPORTED,
// naming the layer and the option, rather than silently computing different numbers. The
// file's `keras_version` travels with the reader: Keras 3 gave `hard_sigmoid` a new meaning.

import { corruptFile, describeValue, unsupported } from './io-errors.js';
import { isJsonObject } from './json-guard.js';
import type { JsonObject, JsonValue } from './json-guard.js';

/** Keys any layer may carry that do not change what a loaded model computes. */
const harmless = [
  /_initializer$/,
  /_regularizer$/,
  /_constraint$/,
  /^(batch_input_shape|batch_shape|batch_size|input_shape|input_dim|input_length|build_config|build_input_shape)$/,
];

export class KerasConfigReader {
  readonly where: string;
  private readonly read = new Set<string>(['name']);

  /**
   * `kerasVersion`: the model.json's `modelTopology.keras_version` (`'2.15.0'`, `'3.3.3'`,
   * `'tfjs-layers 4.22.0'`, `'rnnkit 0.1.0'`), or null when the file does not say.
   */
  constructor(
    readonly className: string,
    readonly layerName: string,
    private readonly config: JsonObject,
    source: string,
    readonly kerasVersion: string | null = null,
  ) {
    this.where = `${source}: ${className} layer '${layerName}'`;
  }

  /** A reader of a config nested in this one (a Bidirectional's layer, an RNN's cell). */
  nested(className: string, layerName: string, config: JsonObject): KerasConfigReader {
    return new KerasConfigReader(className, layerName, config, this.where, this.kerasVersion);
  }

  /** The raw value of `key` (marks it read). */
  raw(key: string): JsonValue | undefined {
    this.read.add(key);
    return this.config[key];
  }

  number(key: string, fallback: number, check: (n: number) => boolean = Number.isFinite, expected = 'a finite number'): number {
    const value = this.raw(key) ?? fallback;
    if (typeof value !== 'number' || !check(value)) throw corruptFile(this.where, `${key} must be ${expected}, got ${describeValue(value)}`);
    return value;
  }

  positiveInt(key: string): number {
    const value = this.raw(key);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > 2 ** 24) {
      throw corruptFile(this.where, `${key} must be a positive integer (at most 2^24), got ${describeValue(value)}`);
    }
    return value;
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.raw(key) ?? fallback;
    if (typeof value !== 'boolean') throw corruptFile(this.where, `${key} must be true or false, got ${describeValue(value)}`);
    return value;
  }

  /** A string option restricted to `allowed` (others are UNSUPPORTED). */
  choice<T extends string>(key: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(key) ?? fallback;
    if (typeof value !== 'string') throw corruptFile(this.where, `${key} must be a string, got ${describeValue(value)}`);
    if (!(allowed as readonly string[]).includes(value)) {
      throw unsupported(this.where, `option ${key}: '${value}' is not supported (rnnkit supports ${allowed.map((a) => `'${a}'`).join(', ')})`, { layer: this.layerName, option: key, value });
    }
    return value as T;
  }

  /**
   * An activation option, as {@link choice}. `'hard_sigmoid'` means clip(0.2·x + 0.5, 0, 1) in
   * Keras 2 and tf.layers but relu6(x + 3)/6 = clip(x/6 + 0.5, 0, 1) in Keras 3, so a Keras-3
   * file using it is UNSUPPORTED rather than loaded with the other function.
   */
  activation<T extends string>(key: string, fallback: T, allowed: readonly T[]): T {
    const value = this.choice(key, fallback, allowed);
    if (value === 'hard_sigmoid' && this.kerasVersion?.startsWith('3.')) {
      throw unsupported(
        this.where,
        `option ${key}: 'hard_sigmoid' is not supported from Keras ${this.kerasVersion} (Keras 3 defines it as relu6(x + 3)/6 = clip(x/6 + 0.5, 0, 1); rnnkit computes Keras 2's and tf.layers' clip(0.2·x + 0.5, 0, 1))`,
        { layer: this.layerName, option: key, value, kerasVersion: this.kerasVersion },
      );
    }
    return value;
  }

  /** Accepts the option only when it has one of the values rnnkit computes the same way. */
  expect(key: string, accepted: readonly JsonValue[], why: string): void {
    const value = this.raw(key);
    if (value === undefined || accepted.includes(value)) return;
    throw unsupported(this.where, `option ${key}: ${JSON.stringify(value)} is not supported (${why})`, { layer: this.layerName, option: key, value });
  }

  /** `seed` as rnnkit takes it: a non-negative integer or absent. */
  seed(): number | undefined {
    const value = this.raw('seed');
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw corruptFile(this.where, `seed must be a non-negative integer or null, got ${describeValue(value)}`);
    return value;
  }

  /** `trainable` and `dtype` (float32 only; a Keras-3 DTypePolicy object naming float32 is fine). */
  common(): { trainable: boolean } {
    const trainable = this.bool('trainable', true);
    const dtype = this.raw('dtype');
    const name = isJsonObject(dtype) && isJsonObject(dtype['config']) ? dtype['config']['name'] : dtype;
    if (name !== undefined && name !== null && name !== 'float32') {
      throw unsupported(this.where, `option dtype: ${describeValue(name)} is not supported (rnnkit computes in float32)`, { layer: this.layerName, option: 'dtype' });
    }
    return { trainable };
  }

  /** Throws UNSUPPORTED on the first key neither read nor harmless. */
  finish(): void {
    for (const key of Object.keys(this.config)) {
      if (this.read.has(key) || harmless.some((pattern) => pattern.test(key))) continue;
      throw unsupported(this.where, `option ${key} (${describeValue(this.config[key])}) is not known to rnnkit`, { layer: this.layerName, option: key });
    }
  }
}
