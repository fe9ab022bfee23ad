// Registers every demo component globally, so pages use them as tags (<ForecastDemo />).
import type { App } from 'vue';
import BackendInfo from './BackendInfo.vue';
import BpttDemo from './BpttDemo.vue';
import ForecastDemo from './ForecastDemo.vue';
import GatesDemo from './GatesDemo.vue';
import MemoryDemo from './MemoryDemo.vue';
import OrderDemo from './OrderDemo.vue';
import SamplerDemo from './SamplerDemo.vue';
import UnrolledDiagram from './UnrolledDiagram.vue';
import WindowsDemo from './WindowsDemo.vue';

/** Add the demos to a Vue app. */
export function registerDemos(app: App): void {
  const demos = { BackendInfo, BpttDemo, ForecastDemo, GatesDemo, MemoryDemo, OrderDemo, SamplerDemo, UnrolledDiagram, WindowsDemo };
  for (const [name, component] of Object.entries(demos)) app.component(name, component);
}
