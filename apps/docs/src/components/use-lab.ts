// A Vue composable that starts a lab worker when the component mounts and ends it on unmount.
import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import type { Ref, ShallowRef } from 'vue';
import type { Lab } from '../lab/create-lab.js';
import type { BackendName } from '../lab/protocol.js';

/** The lab as a component sees it. */
export interface UseLab {
  /** The backend in use, or null while the worker starts. */
  backend: Ref<string | null>;
  /** The lab, once started. */
  lab: ShallowRef<Lab | null>;
  /** Last error message, if any. */
  error: Ref<string | null>;
}

/**
 * Start a lab worker for this component; `onReady` runs once the backend is chosen.
 * `preferred` starts the backend search there (the page's `?backend=` query still wins).
 */
export function useLab(onReady?: (lab: Lab) => void | Promise<void>, preferred: BackendName | null = null): UseLab {
  const backend = ref<string | null>(null);
  const lab = shallowRef<Lab | null>(null);
  const error = ref<string | null>(null);
  onMounted(async () => {
    // Imported here so server-side rendering never touches Worker.
    const { createLab } = await import('../lab/create-lab.js');
    const started = createLab(preferred);
    lab.value = started;
    try {
      backend.value = await started.backend;
      await onReady?.(started);
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught);
    }
  });
  onBeforeUnmount(() => lab.value?.terminate());
  return { backend, lab, error };
}
