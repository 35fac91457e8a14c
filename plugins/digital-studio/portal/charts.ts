import type { ChartConfiguration, ChartType } from 'chart.js';

let library: Promise<typeof import('./chart-lib')> | null = null;

/** chart.js, loaded with the first chart: the timer in the top bar shares this module and draws none. */
function chartJs(): Promise<typeof import('./chart-lib')> {
  library ??= import('./chart-lib');
  return library;
}

/** A chart being drawn (once chart.js has loaded); destroying it before then draws nothing. */
export interface ChartHandle {
  destroy(): void;
}

/** Draws a chart on a canvas, replacing the one drawn there before. */
export function drawChart<T extends ChartType>(canvas: HTMLCanvasElement, previous: ChartHandle | null, config: ChartConfiguration<T>): ChartHandle {
  previous?.destroy();
  let chart: { destroy(): void } | null = null;
  let destroyed = false;
  void chartJs().then(({ Chart }) => {
    if (!destroyed) chart = new Chart(canvas, config as ChartConfiguration);
  });
  return {
    destroy() {
      destroyed = true;
      chart?.destroy();
      chart = null;
    },
  };
}

/** Colours that read on the portal's light surface. */
export const COLORS = {
  primary: '#3f51b5',
  cost: '#9fa8da',
  expense: '#ffb74d',
  profit: '#2e7d32',
  loss: '#c62828',
  warning: '#ef8f00',
};
