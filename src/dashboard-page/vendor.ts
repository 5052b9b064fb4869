/**
 * The two vendor libraries the server serves as classic scripts: @microsoft/teams-js (global
 * `microsoftTeams`) and Chart.js 4 (global `Chart`). Types only come from the packages; the code comes
 * from /tab/vendor/, so nothing of theirs is bundled into our modules.
 */
import type * as TeamsJs from '@microsoft/teams-js';
import type { Chart as ChartClass } from 'chart.js';

export type Teams = typeof TeamsJs;
export type ChartConstructor = typeof ChartClass;

interface VendorGlobals {
  microsoftTeams?: Teams;
  Chart?: ChartConstructor;
}

/** teams-js, or undefined when its script did not load (the page still works outside Teams). */
export function teamsSdk(): Teams | undefined {
  return (globalThis as VendorGlobals).microsoftTeams;
}

let chartLoading: Promise<ChartConstructor> | undefined;

/**
 * Chart.js, loaded on first use: owners never see a chart, so their page never downloads it.
 * A classic <script src> from our own origin, as the Content-Security-Policy allows.
 */
export function loadChart(): Promise<ChartConstructor> {
  const ready = (globalThis as VendorGlobals).Chart;
  if (ready) return Promise.resolve(ready);
  chartLoading ??= new Promise<ChartConstructor>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/tab/vendor/chart.js';
    script.addEventListener('load', () => {
      const loaded = (globalThis as VendorGlobals).Chart;
      if (loaded) resolve(loaded);
      else reject(new Error('the chart library loaded but did not define Chart'));
    });
    script.addEventListener('error', () => {
      chartLoading = undefined;
      reject(new Error('the chart library could not be loaded'));
    });
    document.head.append(script);
  });
  return chartLoading;
}
