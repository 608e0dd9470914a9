// A report as a spreadsheet (.xlsx: summary, one sheet per level below, charts) or as CSV.
// Numbers stay numbers: percentages as 0-100 with a "%" format, money as whole VND.
import ExcelJS from "exceljs";
import type { I18n } from "../../i18n/index.ts";
import type { AreaRow, Figure, Report } from "./build.ts";
import { areaBarsPng } from "./charts.ts";
import { indicatorName, planName, reportPeriodLabel, summaryChart, verdictText } from "./present.ts";
import type { Level } from "./targets.ts";

const FORMATS: Record<Figure["unit"], string> = { count: "#,##0", percent: '0.0"%"', vnd: '#,##0" đ"' };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE3F2FD" } };
const SUMMARY_HEADER_ROW = 4;
const CHART_HEIGHT_ROWS = 25;

type Texts = (key: string, params?: Record<string, unknown>) => string;
/** The `report:` texts in one language. */
const reportTexts =
  (i18n: I18n, lang: string): Texts =>
  (key, params) =>
    i18n.t(lang, `report:${key}`, params);

const targetBounds = (figure: Figure): [number | null, number | null] => {
  const target = figure.indicator.target;
  if (target === undefined) return [null, null];
  return Array.isArray(target) ? [target[0], target[1]] : [target, null];
};

export async function reportXlsx(i18n: I18n, lang: string, report: Report): Promise<Buffer> {
  const t = reportTexts(i18n, lang);
  const book = new ExcelJS.Workbook();
  book.creator = "Tương Trợ";
  summarySheet(book, i18n, lang, report);
  for (const { level, rows } of report.levels) levelSheet(book, t, lang, level, rows);
  chartSheet(book, i18n, lang, report);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function summarySheet(book: ExcelJS.Workbook, i18n: I18n, lang: string, report: Report): void {
  const t = reportTexts(i18n, lang);
  const sheet = book.addWorksheet(t("sheet.summary"), { views: [{ state: "frozen", ySplit: SUMMARY_HEADER_ROW }] });
  sheet.getCell("A1").value = t("heading", { plan: planName(lang, report) });
  sheet.getCell("A1").font = { bold: true, size: 14 };
  sheet.getCell("A2").value = t("subheading", { area: report.scope.name, period: reportPeriodLabel(i18n, lang, report) });
  const header = sheet.getRow(SUMMARY_HEADER_ROW);
  header.values = ["indicator", "unit", "target", "target_high", "actual", "result"].map((c) => t(`column.${c}`));
  styleHeader(header);
  sheet.columns = [{ width: 52 }, { width: 10 }, { width: 16 }, { width: 16 }, { width: 20 }, { width: 16 }];
  for (const figure of report.summary) {
    const [low, high] = targetBounds(figure);
    const row = sheet.addRow([
      indicatorName(lang, figure),
      t(`unit.${figure.unit}`),
      low,
      high,
      figure.actual,
      verdictText(i18n, lang, figure),
    ]);
    for (const col of [3, 4, 5]) row.getCell(col).numFmt = FORMATS[figure.unit];
  }
}

function levelSheet(book: ExcelJS.Workbook, t: Texts, lang: string, level: Level, rows: AreaRow[]): void {
  const sheet = book.addWorksheet(t(`sheet.${level}`), {
    views: [{ state: "frozen", ySplit: 1, xSplit: level === "club" ? 3 : 1 }],
  });
  const first = rows[0]?.figures ?? [];
  const leading = level === "club" ? [t("column.code"), t("column.club"), t("column.commune")] : [t("column.commune")];
  const header = sheet.getRow(1);
  header.values = [...leading, ...first.map((f) => indicatorName(lang, f))];
  header.height = 48;
  header.alignment = { wrapText: true, vertical: "middle" };
  styleHeader(header);
  sheet.columns = [...leading.map(() => ({ width: 22 })), ...first.map(() => ({ width: 16 }))];
  for (const areaRow of rows) {
    const names = level === "club" ? [areaRow.code, areaRow.name, areaRow.commune] : [areaRow.name];
    const row = sheet.addRow([...names, ...areaRow.figures.map((f) => f.actual)]);
    areaRow.figures.forEach((f, i) => {
      row.getCell(leading.length + i + 1).numFmt = FORMATS[f.unit];
    });
  }
}

/** One picture per key indicator across the level just below (communes, or clubs); the percentage overview for a club. */
function chartSheet(book: ExcelJS.Workbook, i18n: I18n, lang: string, report: Report): void {
  const t = reportTexts(i18n, lang);
  const sheet = book.addWorksheet(t("sheet.charts"));
  const pictures: Buffer[] = [];
  const below = report.levels[0];
  if (below) {
    for (const figure of report.summary) {
      if (!figure.indicator.key) continue;
      const column = below.rows[0]?.figures.findIndex((f) => f.indicator.id === figure.indicator.id) ?? -1;
      if (column < 0) continue;
      const [low] = targetBounds(figure);
      const bars = below.rows.map((row) => {
        const f = row.figures[column] as Figure;
        return { label: row.name, value: f.actual, met: f.met };
      });
      const title = `${indicatorName(lang, figure)} — ${reportPeriodLabel(i18n, lang, report)}`;
      pictures.push(areaBarsPng(title, bars, figure.unit === "percent" ? "%" : "", low ?? undefined, t("chart_target")));
    }
  } else {
    pictures.push(summaryChart(i18n, lang, report));
  }
  pictures.forEach((png, i) => {
    const id = book.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
    sheet.addImage(id, { tl: { col: 0, row: i * CHART_HEIGHT_ROWS }, ext: { width: 800, height: 480 } });
  });
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

/** The same tables as CSV (UTF-8 with BOM, so Excel shows Vietnamese): the summary, then each level below. */
export function reportCsv(i18n: I18n, lang: string, report: Report): string {
  const t = reportTexts(i18n, lang);
  const lines: unknown[][] = [
    [planName(lang, report)],
    [t("subheading", { area: report.scope.name, period: reportPeriodLabel(i18n, lang, report) })],
    ["indicator", "unit", "target", "target_high", "actual", "result"].map((c) => t(`column.${c}`)),
    ...report.summary.map((f) => [
      indicatorName(lang, f),
      t(`unit.${f.unit}`),
      ...targetBounds(f),
      csvNumber(f),
      verdictText(i18n, lang, f),
    ]),
  ];
  for (const { level, rows } of report.levels) {
    const leading = level === "club" ? ["code", "club", "commune"] : ["commune"];
    lines.push(
      [],
      [t(`sheet.${level}`)],
      [...leading.map((c) => t(`column.${c}`)), ...(rows[0]?.figures ?? []).map((f) => indicatorName(lang, f))],
    );
    for (const row of rows) {
      const names = level === "club" ? [row.code, row.name, row.commune] : [row.name];
      lines.push([...names, ...row.figures.map(csvNumber)]);
    }
  }
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(",")).join("\n")}\n`;
}

function csvNumber(figure: Figure): number | null {
  if (figure.actual === null) return null;
  return figure.unit === "percent" ? Math.round(figure.actual * 10) / 10 : figure.actual;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
