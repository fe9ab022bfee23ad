// Test helper: the RnnkitError a call throws (any other throw is rethrown; no throw fails).
import type { RnnkitError } from '@rnnkit/core';
import { isRnnkitError } from '@rnnkit/core';

export function errorOf(f: () => unknown): RnnkitError {
  try {
    f();
  } catch (e) {
    if (isRnnkitError(e)) return e;
    throw e;
  }
  throw new Error('expected an RnnkitError');
}
