// Loading over HTTP with tfjs's own `io.http` handler, behind a fetch that checks model.json
// (size cap, safe JSON, the layers-model checks and shard paths) before tfjs requests any shard,
// and that stops reading a shard response once it passes the bytes the manifest declares.

import { io } from '@tensorflow/tfjs-core';
import { corruptFile, ioError } from './io-errors.js';
import { parseJsonSafely } from './json-guard.js';
import type { LoadLimits } from './load-limits.js';
import { checkModelJson } from './model-json.js';

/** A `fetch`-compatible function. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/** HTTP options of {@link loadModel}. */
export type HttpOptions = {
  /**
   * The fetch used for model.json and the shards (e.g. one that adds auth headers).
   * @default the global `fetch`
   */
  fetchFunc?: FetchFunction;
  /**
   * Passed to every request (headers, credentials…).
   * @default {}
   */
  requestInit?: RequestInit;
};

/** An IOHandler loading `url` (a model.json URL) through tfjs's `io.http`, with the checks above. */
export function guardedHttpHandler(url: string, limits: Required<LoadLimits>, options: HttpOptions = {}): io.IOHandler {
  const base: FetchFunction = options.fetchFunc ?? ((input, init) => fetch(input, init));
  let declaredBytes: number | null = null;
  const guarded = async (request: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const input = String(request);
    const response = await base(input, init).catch((cause: unknown) => {
      throw ioError(`loadModel: '${input}'`, 'request failed', cause);
    });
    if (!response.ok) return response; // tfjs reports the status
    if (declaredBytes === null) {
      const text = new TextDecoder().decode(await readCapped(response, limits.maxJsonBytes, input, 'maxJsonBytes'));
      const json = checkModelJson(parseJsonSafely(text, input), input, limits);
      declaredBytes = json.totalBytes;
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    }
    const bytes = await readCapped(response, declaredBytes, input, 'the bytes the manifest declares');
    return new Response(bytes.buffer as ArrayBuffer, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
  };
  const loadOptions: io.LoadOptions = { fetchFunc: guarded };
  if (options.requestInit) loadOptions.requestInit = options.requestInit;
  return io.http(url, loadOptions);
}

/** The body of `response`, refusing more than `cap` bytes (without reading past them). */
async function readCapped(response: Response, cap: number, where: string, capName: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > cap) throw corruptFile(where, `response is ${declared} bytes, more than ${capName} (${cap})`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw corruptFile(where, `response is longer than ${capName} (${cap} bytes)`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
