// Report charts as PNG pictures, drawn on the server without a browser: ECharts renders SVG, resvg
// turns it into pixels with the Be Vietnam Pro font from npm, so diacritics look the same everywhere.
import { createRequire } from "node:module";
import path from "node:path";
import type * as ResvgJs from "@resvg/resvg-js";
import type * as Echarts from "echarts";

const require = createRequire(import.meta.url);
/**
 * Loaded on the first chart, not at startup: a server that never draws keeps that memory. ECharts'
 * single-file build: importing the ESM entry loads hundreds of modules (far more memory).
 */
let libraries: { echarts: typeof Echarts; Resvg: typeof ResvgJs.Resvg } | undefined;
function chartLibraries() {
  libraries ??= {
    echarts: require("echarts/dist/echarts.min.js") as typeof Echarts,
    Resvg: (require("@resvg/resvg-js") as typeof ResvgJs).Resvg,
  };
  return libraries;
}
const FONT_DIR = path.dirname(require.resolve("@expo-google-fonts/be-vietnam-pro/package.json"));
export const CHART_FONT = "Be Vietnam Pro";
const FONT_FILES = [
  path.join(FONT_DIR, "400Regular", "BeVietnamPro_400Regular.ttf"),
  path.join(FONT_DIR, "600SemiBold", "BeVietnamPro_600SemiBold.ttf"),
];

const MET = "#2e7d32";
const NOT_MET = "#e65100";
const NO_TARGET = "#1565c0";
const TARGET = "#212121";
/** Spreadsheet charts; the picture sent to a phone is narrower with bigger letters, read at a phone's width. */
export const CHART_WIDTH = 800;
export const PHONE_CHART_WIDTH = 480;

export type Bar = { label: string; value: number | null; target?: number; met: boolean | null };

/** SVG → PNG at the SVG's own size. */
export function toPng(svg: string): Buffer {
  const resvg = new (chartLibraries().Resvg)(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    background: "#ffffff",
  });
  return resvg.render().asPng();
}

function render(option: Echarts.EChartsOption, width: number, height: number): string {
  const chart = chartLibraries().echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, backgroundColor: "#ffffff", textStyle: { fontFamily: CHART_FONT }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const color = (bar: Bar) => (bar.met === null ? NO_TARGET : bar.met ? MET : NOT_MET);
const round = (n: number | null) => (n === null ? 0 : Math.round(n));

/**
 * Horizontal bars, one per percentage indicator, each with its target marked: the picture a board
 * reads on a phone. Each name is written above its bar across the whole width, so the letters stay
 * large when the picture is shrunk to a phone's screen.
 */
export function percentBarsPng(title: string, subtitle: string, bars: Bar[], targetLabel: string): Buffer {
  const height = 150 + 84 * bars.length;
  const labels = bars.map((b) => (b.value === null ? b.label : `${b.label}: ${round(b.value)}%`));
  const svg = render(
    {
      title: {
        text: title,
        subtext: subtitle,
        left: "center",
        textStyle: { fontSize: 26, width: PHONE_CHART_WIDTH - 30, overflow: "break" },
        subtextStyle: { fontSize: 22 },
      },
      grid: { left: 30, right: 30, top: 130, bottom: 46 },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%", fontSize: 22 } },
      yAxis: {
        type: "category",
        data: labels,
        inverse: true,
        axisTick: { show: false },
        axisLabel: {
          inside: true,
          fontSize: 22,
          verticalAlign: "bottom",
          padding: [0, 0, 24, 0],
          width: PHONE_CHART_WIDTH - 60,
          overflow: "truncate",
          color: TARGET,
        },
        z: 10,
      },
      series: [
        {
          type: "bar",
          barWidth: 30,
          data: bars.map((b) => ({ value: round(b.value), itemStyle: { color: color(b) } })),
        },
        {
          type: "scatter",
          name: targetLabel,
          symbol: "rect",
          symbolSize: [6, 44],
          itemStyle: { color: TARGET },
          data: bars.map((b, i) => (b.target === undefined ? null : [b.target, i])),
        },
      ],
    },
    PHONE_CHART_WIDTH,
    height,
  );
  return toPng(svg);
}

/** Vertical bars, one per commune or club, with the target as a line: a key indicator across an area. */
export function areaBarsPng(title: string, bars: Bar[], unit: "%" | "", target: number | undefined, targetLabel: string): Buffer {
  const svg = render(
    {
      title: { text: title, left: "center", textStyle: { fontSize: 20 } },
      grid: { left: 80, right: 40, top: 70, bottom: bars.length > 6 ? 130 : 50 },
      xAxis: {
        type: "category",
        data: bars.map((b) => b.label),
        axisLabel: { rotate: bars.length > 6 ? 40 : 0, fontSize: 13, interval: 0 },
      },
      yAxis: { type: "value", axisLabel: { formatter: `{value}${unit}`, fontSize: 13 }, ...(unit === "%" ? { max: 100 } : {}) },
      series: [
        {
          type: "bar",
          data: bars.map((b) => ({ value: round(b.value), itemStyle: { color: color(b) } })),
          markLine:
            target === undefined
              ? undefined
              : {
                  symbol: "none",
                  lineStyle: { color: TARGET, width: 2, type: "dashed" },
                  label: { formatter: `${targetLabel} ${target}${unit}`, fontSize: 13, position: "insideEndTop" },
                  data: [{ yAxis: target }],
                },
        },
      ],
    },
    CHART_WIDTH,
    480,
  );
  return toPng(svg);
}
