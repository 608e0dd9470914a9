// Read a roster or ledger file (CSV or XLSX) into rows of trimmed strings, header first.
import { readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";

export class FileFormatError extends Error {}

export async function readTable(file: string): Promise<string[][]> {
  return readTableBytes(path.basename(file), await readFile(file));
}

/** The same from a file's bytes and name (an upload in the web workplace). */
export async function readTableBytes(name: string, bytes: Buffer): Promise<string[][]> {
  const ext = path.extname(name).toLowerCase();
  if (ext === ".csv") return parseCsv(bytes.toString("utf8"));
  if (ext === ".xlsx") return readXlsx(name, bytes);
  throw new FileFormatError(`${name}: only .csv and .xlsx files are read`);
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field.trim());
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell !== ""));
}

async function readXlsx(name: string, bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new FileFormatError(`${name}: not a readable .xlsx workbook`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileFormatError(`${name}: the workbook has no sheet`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((x) => x !== "")) rows.push(cells);
  });
  return rows;
}

/** Phones typed as numbers lose their leading 0 in Excel; the validator accepts 9-digit numbers too. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "text" in value && typeof value.text === "string") return value.text.trim();
  if (typeof value === "object" && "result" in value) return String(value.result ?? "").trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}
