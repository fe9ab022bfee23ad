// Ctrl-C during a training command: the first SIGINT aborts the AbortSignal handed to the
// training loop, which stops after the current batch so the command can exit 130 with its
// checkpoint; a second SIGINT quits at once (removing unfinished output directories).

import { EXIT } from './exit-codes.js';
import { discardStagedSync } from './files/output-dir.js';

/** A SIGINT listener for the life of one command. */
export interface InterruptWatch {
  /** Aborted on the first SIGINT. */
  readonly signal: AbortSignal;
  /** Removes the listener. */
  dispose(): void;
}

/**
 * Listens for SIGINT until `dispose()`.
 *
 * @example
 * ```ts
 * const interrupt = watchInterrupt((msg) => process.stderr.write(msg));
 * try { await train(model, data, { signal: interrupt.signal }); } finally { interrupt.dispose(); }
 * ```
 */
export function watchInterrupt(say: (message: string) => void): InterruptWatch {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) {
      say('\ninterrupted again: quitting without a checkpoint\n');
      discardStagedSync();
      process.exit(EXIT.interrupted);
    }
    say('\ninterrupted: stopping after this batch and saving a checkpoint (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
    },
  };
}
