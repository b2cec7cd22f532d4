// Point layers written as a table (CSV, or a JSON list of rows) for editors who think in
// spreadsheets. Each row is checked with the same care as GeoJSON, every message naming its row
// and column; good rows are turned into GeoJSON with the `geojson` package.
import GeoJSONConverter from 'geojson/geojson.js';
import Papa from 'papaparse';
import type { Point } from 'geojson';
import type { Problem } from '../problems';
import { checkLonLat, decimals } from './coords';
import type { LayerFeature, LayerRead } from './geojson';
import { LineIndex, readJson, tooLarge, type Path } from './json';
import { LIMITS, mb } from './limits';
import { isReservedKey } from '../keys';
import { badKey, checkLength, checkText, closest, FEATURE_TEXTS, show } from './text';
import { idBase, slug, uniqueId } from './ids';

/** The columns a table may have: the name the story uses, and the headers accepted for it. */
export const TABLE_COLUMNS = {
  id: ['id'],
  name: ['name'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'lng', 'long', 'longitude'],
  date: ['date'],
  source: ['source'],
  passages: ['passages', 'passage'],
  aliases: ['aliases', 'alias'],
  confidence: ['confidence'],
  approximate: ['approximate'],
  context: ['context'],
  description: ['description'],
  claimSource: ['claimsource', 'claim source', 'reported by'],
  mapLabel: ['maplabel', 'map label'],
} as const;
type Column = keyof typeof TABLE_COLUMNS;
/** Columns a table must have. A row's date and source may come from its layer in story.json (checkProvenance says when neither gives them), its name from the layer too. */
const REQUIRED: Column[] = ['lat', 'lon'];
const HEADER_OF = new Map<string, Column>(Object.entries(TABLE_COLUMNS).flatMap(([k, names]) => names.map((n) => [n, k as Column] as const)));
const KNOWN_HEADERS = [...HEADER_OF.keys()];
const PASSAGE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

interface Row {
  /** 1 = the first data row. */
  row: number;
  values: Map<Column | string, unknown>;
  /** Where a cell is, for messages. */
  at(field: string): Pick<Problem, 'row' | 'field' | 'line' | 'column'>;
}

export { slug };

const DMS = /^(\d{1,3})\s*[°º]\s*(?:(\d{1,2}(?:\.\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*(?:"|″|”|'')\s*)?([NSEWnsew])?$/;

function parseNumber(v: unknown, field: string): { value?: number; problem?: Pick<Problem, 'code' | 'message' | 'fix'> } {
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { problem: { code: 'cell-not-number', message: `${v} is not a usable ${field}.`, fix: 'Write the number in degrees.' } };
  if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) {
    return { problem: { code: 'cell-empty', message: `The ${field} is empty.`, fix: `Fill in the ${field} in decimal degrees, e.g. ${field === 'lat' ? '41.9028' : '12.4964'}.` } };
  }
  if (typeof v !== 'string') return { problem: { code: 'cell-not-number', message: `The ${field} must be a number; found ${show(v)}.`, fix: 'Write the number in decimal degrees.' } };
  const s = v.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return { value: Number(s) };
  if (/^[+-]?\d+,\d+$/.test(s)) {
    return { problem: { code: 'cell-decimal-comma', message: `The ${field} ${JSON.stringify(s)} uses a decimal comma.`, fix: `Write it with a decimal point: ${s.replace(',', '.')}. (If your spreadsheet uses commas, export the CSV with “;” between cells, or set the number format to English.)` } };
  }
  const dms = DMS.exec(s);
  if (dms) {
    const dec = (Number(dms[1]) + Number(dms[2] ?? 0) / 60 + Number(dms[3] ?? 0) / 3600) * (/[SWsw]/.test(dms[4] ?? '') ? -1 : 1);
    return { problem: { code: 'cell-degrees-minutes', message: `The ${field} ${JSON.stringify(s)} is in degrees, minutes and seconds.`, fix: `Write it in decimal degrees: ${Number(dec.toFixed(6))}.` } };
  }
  return { problem: { code: 'cell-not-number', message: `The ${field} must be a number in decimal degrees; found ${show(s)}.`, fix: `Write e.g. ${field === 'lat' ? '41.9028' : '12.4964'}.` } };
}

function parseBool(v: unknown): boolean | undefined | null {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['yes', 'true', '1', 'y', 'x'].includes(s)) return true;
  if (['no', 'false', '0', 'n', ''].includes(s)) return false;
  return null;
}

const list = (v: unknown, sep: RegExp): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((s) => s.trim()).filter(Boolean) : typeof v === 'string' ? v.split(sep).map((s) => s.trim()).filter(Boolean) : [];

/** Checks rows already split into cells, and turns the good ones into features. */
function checkRows(rows: Row[], file: string, problems: Problem[], columnOf: (c: Column) => string): LayerFeature[] {
  const ok: { row: Row; item: Record<string, unknown>; id: string; idFrom?: 'geometry' | 'duplicate'; givenId?: string }[] = [];
  const seen = new Map<string, number>();
  /** Rows whose id is made later: no id and no name (from the position), or an id an earlier row has. */
  const later: { row: Row; given?: string; lat: number; lon: number }[] = [];
  let precise = 0;
  let firstPrecise: Row | undefined;
  let failed = false;
  for (const r of rows) {
    const say = (field: string, p: Omit<Problem, 'file'>) => problems.push({ file, ...p, ...r.at(field) });
    const errorsBefore = problems.filter((p) => p.severity === 'error').length;
    const get = (c: Column) => r.values.get(c);
    const name = get('name');
    const rawId = get('id');
    const id = typeof rawId === 'string' && rawId.trim() ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : typeof name === 'string' ? slug(name) : '';
    const feature = { index: r.row - 1, id: id || undefined };
    const idColumn = columnOf(rawId !== undefined && rawId !== '' ? 'id' : 'name');
    let pending: string | undefined | null = null;
    if (!id) {
      // Neither an id nor a name: the id is made from the position, below.
      pending = undefined;
    } else if (badKey(id, 'The id')) {
      say(idColumn, { severity: 'error', feature, ...badKey(id, 'The id')! });
    } else if (seen.has(id)) {
      pending = id;
    } else seen.set(id, r.row);
    const lat = parseNumber(get('lat'), 'lat');
    const lon = parseNumber(get('lon'), 'lon');
    if (lat.problem) say(columnOf('lat'), { severity: 'error', feature, code: lat.problem.code!, message: lat.problem.message, fix: lat.problem.fix });
    if (lon.problem) say(columnOf('lon'), { severity: 'error', feature, code: lon.problem.code!, message: lon.problem.message, fix: lon.problem.fix });
    if (lat.value !== undefined && lon.value !== undefined) {
      const issue = checkLonLat(lon.value, lat.value);
      if (issue) {
        const fix = issue.code === 'coordinates-swapped' ? `The latitude and longitude columns look swapped: lat ${lon.value}, lon ${lat.value}.` : issue.fix;
        say(columnOf(Math.abs(lat.value) > 90 ? 'lat' : 'lon'), { severity: 'error', feature, code: issue.code, message: issue.message.replace(/^The position \[[^\]]*\]/, `The place (lat ${lat.value}, lon ${lon.value})`), fix });
      } else if (decimals(lat.value) > LIMITS.decimals || decimals(lon.value) > LIMITS.decimals) {
        precise++;
        firstPrecise ??= r;
      }
    }
    const approx = parseBool(get('approximate'));
    if (approx === null) say(columnOf('approximate'), { severity: 'error', feature, code: 'cell-not-boolean', message: `"approximate" must be yes or no; found ${show(get('approximate'))}.`, fix: 'Write yes, no, or leave it empty (no).' });
    const context = parseBool(get('context'));
    if (context === null) say(columnOf('context'), { severity: 'error', feature, code: 'cell-not-boolean', message: `"context" must be yes or no; found ${show(get('context'))}.`, fix: 'Write yes (a place shown for orientation, drawn quietly), no, or leave it empty (no).' });
    const passages = list(get('passages'), /[\s,;]+/);
    for (const pid of passages) {
      if (!PASSAGE_ID.test(pid)) say(columnOf('passages'), { severity: 'error', feature, code: 'passage-id-invalid', message: `${JSON.stringify(pid)} is not a passage id.`, fix: 'Passage ids are letters, digits, ".", "-" or "_", separated by spaces or “;”.' });
    }
    for (const c of [...FEATURE_TEXTS, 'aliases'] as const) {
      for (const s of list(get(c), /;/)) {
        checkText(s, (p) => say(columnOf(c), { feature, ...p }), {}, { field: c });
        checkLength(s, c, (p) => say(columnOf(c), { feature, ...p }));
      }
    }
    for (const [k, v] of r.values) {
      if (typeof v === 'string' && /url|link|href|website/i.test(k)) checkText(v, (p) => say(k, { feature, ...p }), {}, { link: true });
    }
    if (problems.filter((p) => p.severity === 'error').length > errorsBefore) {
      failed = true;
      continue;
    }
    const item: Record<string, unknown> = {};
    for (const [k, v] of r.values) if (!['lat', 'lon'].includes(k)) item[k] = v;
    Object.assign(item, { id, lat: lat.value, lon: lon.value, passages, aliases: list(get('aliases'), /;/) });
    if (approx !== undefined) item.approximate = approx;
    if (context !== undefined) item.context = context;
    ok.push({ row: r, item, id });
    if (pending !== null) later.push({ row: r, given: pending, lat: lat.value!, lon: lon.value! });
  }
  // Ids for rows without one, and for the repeats of an id: never one another row has.
  const used = new Set(seen.keys());
  for (const l of later) {
    const o = ok.find((x) => x.row === l.row)!;
    if (l.given !== undefined) {
      o.id = uniqueId(l.given, used);
      o.idFrom = 'duplicate';
      o.givenId = l.given;
      const column = columnOf(l.row.values.get('id') !== undefined && l.row.values.get('id') !== '' ? 'id' : 'name');
      problems.push({ file, severity: 'warning', code: 'id-renamed', feature: { index: l.row.row - 1, id: o.id }, ...l.row.at(column), message: `The id "${l.given}" is already used by row ${seen.get(l.given)}; this row is read as "${o.id}".`, fix: 'Give every row its own id (add an "id" column if two places share a name).', fixed: `Read as "${o.id}". A link in story.json to "${l.given}" would not say which row it means: that is an error (id-duplicate).` });
    } else {
      o.id = uniqueId(idBase(undefined, [l.lon, l.lat]).base, used);
      o.idFrom = 'geometry';
    }
    o.item.id = o.id;
  }
  if (precise && firstPrecise) {
    problems.push({ file, severity: 'warning', code: 'precision', ...firstPrecise.at(columnOf('lat')), message: `${precise} row${precise > 1 ? 's have' : ' has'} coordinates with more than ${LIMITS.decimals} decimal places (the first is here); ${LIMITS.decimals} places is about 10 cm.`, fix: `Round to ${LIMITS.decimals} decimals.` });
  }
  if (failed) return [];
  // The `geojson` package turns rows into Point features; it mutates its settings, so they are made fresh.
  const keys = [...new Set(ok.flatMap((o) => Object.keys(o.item)))].filter((k) => k !== 'lat' && k !== 'lon');
  const collection = GeoJSONConverter.parse(ok.map((o) => o.item), { Point: ['lat', 'lon'], include: keys }) as { features: { properties: Record<string, unknown>; geometry: Point }[] };
  return collection.features.map((f, i) => {
    const { row, idFrom, givenId } = ok[i]!;
    const properties = Object.fromEntries(Object.entries(f.properties).filter(([, v]) => v !== undefined));
    return {
      id: ok[i]!.id,
      index: row.row - 1,
      properties,
      geometry: f.geometry,
      at: (property?: string) => ({ file, feature: { index: row.row - 1, id: ok[i]!.id }, ...row.at(property ? (HEADER_OF.has(property) ? columnOf(property as Column) : property) : columnOf('name')) }),
      ...(idFrom ? { idFrom } : {}),
      ...(givenId !== undefined ? { givenId } : {}),
    } satisfies LayerFeature;
  });
}

/** Checks the header: known columns, required ones present, likely misspellings. */
function mapHeader(header: string[], say: (field: string, p: Omit<Problem, 'file'>) => void): { columns: (Column | string)[]; columnOf: (c: Column) => string; ok: boolean } {
  const columns: (Column | string)[] = [];
  const original = new Map<Column, string>();
  let ok = true;
  header.forEach((h, i) => {
    const name = h.trim();
    const key = HEADER_OF.get(name.toLowerCase());
    if (!name) {
      say(`#${i + 1}`, { severity: 'warning', code: 'column-unnamed', message: `Column ${i + 1} has no name in the header, so it is ignored.`, fix: 'Name it, or delete the column.' });
      columns.push('');
      return;
    }
    if (isReservedKey(name)) {
      say(name, { severity: 'warning', code: 'key-reserved', message: `The column name “${name}” is a name JavaScript reserves for its own objects.`, fix: 'Rename the column.', fixed: 'The column is ignored.' });
      columns.push('');
      return;
    }
    if (key) {
      if (original.has(key)) {
        say(name, { severity: 'error', code: 'column-duplicate', message: `Two columns mean “${key}”: “${original.get(key)}” and “${name}”.`, fix: 'Keep one of them.' });
        ok = false;
      } else original.set(key, name);
      columns.push(key);
      return;
    }
    const near = closest(name, KNOWN_HEADERS);
    if (near) say(name, { severity: 'warning', code: 'column-unknown', message: `The column “${name}” is not one the story knows; it is kept as an extra property.`, fix: `Did you mean “${near}”?` });
    columns.push(name);
  });
  const columnOf = (c: Column) => original.get(c) ?? c;
  for (const c of REQUIRED) {
    if (!original.has(c)) {
      say(c, { severity: 'error', code: 'column-missing', message: `The table has no “${c}” column.`, fix: `Add a column named “${TABLE_COLUMNS[c][0]}”${TABLE_COLUMNS[c].length > 1 ? ` (or ${TABLE_COLUMNS[c].slice(1).map((n) => `“${n}”`).join(', ')})` : ''}. The header row must name: ${REQUIRED.join(', ')}.` });
      ok = false;
    }
  }
  return { columns, columnOf, ok };
}

/** Reads a CSV point layer. Never throws. */
export function readCsv(raw: string, file: string, maxBytes: number = LIMITS.tableBytes): LayerRead {
  const problems: Problem[] = [];
  const size = tooLarge(raw, maxBytes);
  if (size !== null) {
    problems.push({ severity: 'error', file, code: 'file-too-large', message: `The table is ${mb(size)}; the limit is ${mb(maxBytes)}, so it was not read.`, fix: 'Split it into several layers.' });
    return { features: [], problems };
  }
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!text.trim()) {
    problems.push({ severity: 'error', file, code: 'file-empty', message: 'The table is empty.', fix: 'Export it again from the spreadsheet, with a header row.' });
    return { features: [], problems };
  }
  const index = new LineIndex(text);
  const cells: { data: string[]; start: number }[] = [];
  let prev = 0;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
    step: (r) => {
      let start = prev;
      while (start < text.length && /[\r\n]/.test(text[start]!)) start++;
      for (const e of r.errors) {
        if (e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') {
          const at = index.at(typeof e.index === 'number' ? Math.min(e.index, text.length) : start);
          problems.push({ severity: 'error', file, code: 'csv-quotes', line: at.line, column: at.column, ...(cells.length ? { row: cells.length } : {}), message: e.code === 'MissingQuotes' ? 'A quoted cell is never closed: its closing double quote is missing, so the rest of the file runs into it.' : 'A cell has a double quote in the middle of unquoted text.', fix: 'Quote the whole cell and double any quote inside it: "He said ""yes""".' });
        }
      }
      cells.push({ data: r.data, start });
      prev = r.meta.cursor;
    },
  });
  if (problems.length) return { features: [], problems };
  const say = (row: number | undefined, line: number, field: string, p: Omit<Problem, 'file'>) => problems.push({ file, ...p, ...(row ? { row } : {}), line, field });
  const [header, ...body] = cells;
  const head = mapHeader(header!.data, (field, p) => say(undefined, index.at(header!.start).line, field, p));
  if (!head.ok) return { features: [], problems };
  if (!body.length) {
    problems.push({ severity: 'warning', file, code: 'table-empty', line: 1, message: 'The table has a header but no rows, so the layer is empty.', fix: 'Add a row per place.' });
    return { features: [], problems };
  }
  const rows: Row[] = [];
  body.forEach((r, i) => {
    const line = index.at(r.start).line;
    if (r.data.length !== head.columns.length) {
      say(i + 1, line, head.columns[Math.min(r.data.length, head.columns.length) - 1] as string, {
        severity: 'error', code: 'row-cells',
        message: `The row has ${r.data.length} cell${r.data.length === 1 ? '' : 's'} but the header has ${head.columns.length}.`,
        fix: r.data.length > head.columns.length ? 'A cell with a comma in it must be in double quotes: "Suez, Egypt".' : 'Fill in the missing cells (they may be empty, but the commas must be there).',
      });
      return;
    }
    const values = new Map<string, unknown>();
    head.columns.forEach((c, k) => c && values.set(c, r.data[k]));
    rows.push({ row: i + 1, values, at: (field) => ({ row: i + 1, line, field }) });
  });
  const features = checkRows(rows, file, problems, head.columnOf);
  return { features: problems.some((p) => p.severity === 'error') ? [] : features, problems };
}

/** Reads a JSON list of rows ([{"name": …, "lat": …, "lon": …}, …]). Never throws. */
export function readRows(raw: string, file: string, maxBytes: number = LIMITS.tableBytes): LayerRead {
  const json = readJson(raw, file, { maxBytes, what: 'table' });
  if (json.value === undefined) return { features: [], problems: json.problems };
  const problems: Problem[] = [...json.problems];
  const pos = (path: Path): { line?: number; column?: number } => json.locate(path) ?? {};
  if (!Array.isArray(json.value)) {
    problems.push({ severity: 'error', file, code: 'rows-not-list', ...pos([]), message: `A table in JSON is a list of rows, [{"name": …, "lat": …, "lon": …}, …]; this file holds ${show(json.value)}.`, fix: 'Write the rows as a JSON list, or use a .geojson file for GeoJSON.' });
    return { features: [], problems };
  }
  const rows: Row[] = [];
  const unknown = new Set<string>();
  const reserved = new Set<string>();
  json.value.forEach((item, i) => {
    const at = (field: string) => {
      const p = pos([i, field]);
      return { row: i + 1, field, ...p };
    };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ severity: 'error', file, code: 'row-not-object', feature: { index: i }, row: i + 1, ...pos([i]), message: `Each row must be an object like {"name": …, "lat": …, "lon": …}; found ${show(item)}.`, fix: 'Write the row as an object.' });
      return;
    }
    const values = new Map<string, unknown>();
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      if (isReservedKey(k)) {
        if (!reserved.has(k)) {
          reserved.add(k);
          problems.push({ severity: 'warning', file, code: 'key-reserved', ...at(k), message: `The field name “${k}” is a name JavaScript reserves for its own objects.`, fix: 'Rename the field.', fixed: 'The field is ignored in every row.' });
        }
        continue;
      }
      const key = HEADER_OF.get(k.trim().toLowerCase());
      if (key) values.set(key, v);
      else {
        const near = closest(k, KNOWN_HEADERS);
        if (near && !unknown.has(k)) {
          unknown.add(k);
          problems.push({ severity: 'warning', file, code: 'column-unknown', ...at(k), message: `The field “${k}” is not one the story knows; it is kept as an extra property.`, fix: `Did you mean “${near}”?` });
        }
        values.set(k, v);
      }
    }
    for (const c of ['lat', 'lon'] as const) {
      if (!values.has(c)) problems.push({ severity: 'error', file, code: 'field-missing', feature: { index: i }, ...at(c), message: `The row has no “${c}”.`, fix: `Add "${c}": …; every row needs ${REQUIRED.join(', ')}.` });
    }
    rows.push({ row: i + 1, values, at });
  });
  if (problems.some((p) => p.severity === 'error')) return { features: [], problems };
  const features = checkRows(rows, file, problems, (c) => c);
  return { features: problems.some((p) => p.severity === 'error') ? [] : features, problems };
}
