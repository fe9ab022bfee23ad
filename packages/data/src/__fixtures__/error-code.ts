// Test helper: the RnnkitError code a call throws, 'not an RnnkitError' for any other throw,
// undefined when it does not throw.
import { isRnnkitError } from '@rnnkit/core';

export function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isRnnkitError(e) ? e.code : 'not an RnnkitError';
  }
  return undefined;
}
