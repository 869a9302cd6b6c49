/**
 * The build's draw of a fixed-probability projection's rows (p ≥ 1/16) in WebAssembly: four
 * rows at once, one in each 32-bit lane of the generator's state, with the same code that draws
 * procedural rows for each spike (`rowDraws` in wasmProceduralRows), so the same synapses as
 * `fixedProbabilityRow`, bit for bit.
 *
 * Drawing the rows in JavaScript was most of the seed network's build (the rest is the first
 * touch of its indices' memory); this drawer writes each column's number into the four rows'
 * lists branch-free, one store per lane, and counts a kept column by subtracting its mask.
 * `npm run bench` prints the build's time against Brian2's.
 *
 * @example
 * ```ts
 * const row = wasmRowDrawer(proceduralRows(8000, 0.25, streamKey(1, 'proj:E2E'), false));
 * const out = new Uint32Array(8000);
 * row?.(7, out); // row 7's targets, as fixedProbabilityRow draws them
 * ```
 * @module
 */
import { GEOMETRIC_BELOW, type ProceduralRows, type RowGenerator } from '../synapses/fixedProbability.js';
import { simdAvailable } from './simdAvailable.js';
import { wasmModule, op, type ValType, type WasmFunction } from './wasmModule.js';
import { lanes, rowDraws } from './wasmProceduralRows.js';

/** Where the drawer's memory holds the four rows' indices (i32), their counts (i32), and from `OUT` their targets (u32, `cols` each). */
const LIST = 0;
const COUNTS = 16;
const OUT = 64;

/**
 * The function `d(count)`: draws rows `list[0 .. count)` (count ≤ 4) into their lists and
 * writes their lengths.
 *
 * @param rows - the projection's rows
 * @returns the function
 */
function drawFunction(rows: ProceduralRows): WasmFunction {
  const params: ValType[] = ['i32'];
  const locals: ValType[] = [];
  const local = (t: ValType): number => params.length + locals.push(t) - 1;
  const count = 0;
  const [q, base, j] = [local('i32'), local('i32'), local('i32')];
  const draws = rowDraws(rows, local);
  const [n, at, m] = [local('v128'), local('v128'), local('v128')];
  const cols = rows.cols;
  const body: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) body.push(...part);
  };
  /** Column `column` (j or j + 1) written at each lane's next place; a kept column counted (n − (−1)). */
  const keep = (column: number[]): number[][] => [
    op.get(n), op.i32Const(2), op.i32x4Shl, op.v128Const(lanes([0, 1, 2, 3].map((L) => OUT + 4 * cols * L))), op.i32x4Add, op.set(at),
    ...[0, 1, 2, 3].flatMap((L) => [op.get(at), op.i32x4ExtractLane(L), column, op.i32Store()]),
    op.get(n), op.get(m), op.i32x4Sub, op.set(n),
  ];
  emit(op.i32Const(LIST), op.set(base), op.i32Const(0), op.set(q));
  emit(draws.seed(q, base, count), draws.restart());
  // Two columns a turn, as the procedural scatter draws them; an odd row's last turn draws one
  // past its end, which nothing keeps.
  emit(op.block, op.loop, op.get(j), op.i32Const(cols), op.i32GeU, op.brIf(1));
  emit(draws.draw(), draws.self(0), op.set(m), ...keep(op.get(j)));
  emit(draws.draw(), draws.self(1), op.set(m));
  emit(op.get(j), op.i32Const(1), op.i32Add, op.i32Const(cols), op.i32LtU, op.if, ...keep([...op.get(j), ...op.i32Const(1), ...op.i32Add]), op.end);
  emit(draws.next(), op.get(j), op.i32Const(2), op.i32Add, op.set(j), op.br(0), op.end, op.end);
  emit(op.i32Const(COUNTS), op.get(n), op.v128Store());
  return { name: 'd', params, result: null, locals, body };
}

/**
 * The compiled drawer of a projection's rows and where its memory holds them: at byte `list`
 * the four rows to draw (int32), at `counts` their lengths after `d(4)`, at `out + 4·cols·L` lane
 * L's targets (uint32). Compiled once per projection; every thread instantiates it on a memory
 * of `pages` pages of its own (see `parallelRows`).
 */
export interface RowDrawerModule {
  readonly module: WebAssembly.Module;
  readonly pages: number;
  readonly cols: number;
  readonly list: number;
  readonly counts: number;
  readonly out: number;
}

/**
 * The drawer's module for `rows`, or null where it does not apply (p < 1/16, whose gaps are
 * drawn with `Math.log`; no WebAssembly SIMD; a page's main thread that refuses to compile
 * synchronously).
 *
 * @param rows - the projection's rows
 * @returns the module and its memory layout, or null
 */
export function rowDrawerModule(rows: ProceduralRows): RowDrawerModule | null {
  if (rows.p < GEOMETRIC_BELOW || !simdAvailable()) return null;
  const cols = rows.cols;
  const pages = Math.max(1, Math.ceil((OUT + 16 * cols) / 65536));
  try {
    return { module: new WebAssembly.Module(wasmModule({ pages, functions: [drawFunction(rows)] })), pages, cols, list: LIST, counts: COUNTS, out: OUT };
  } catch {
    return null;
  }
}

/**
 * A row generator for the build that draws `rows` four at a time in WebAssembly, for a build
 * that asks for its rows in order (`csrFromRows`, `bitRowsFromRows`); null where it does not
 * apply (see {@link rowDrawerModule}).
 *
 * @param rows - the projection's rows
 * @returns the generator, or null (also where the module cannot be compiled or its memory had)
 */
export function wasmRowDrawer(rows: ProceduralRows): RowGenerator | null {
  const drawer = rowDrawerModule(rows);
  if (drawer === null) return null;
  const cols = rows.cols;
  let memory: WebAssembly.Memory;
  let d: (count: number) => void;
  try {
    memory = new WebAssembly.Memory({ initial: drawer.pages });
    d = (new WebAssembly.Instance(drawer.module, { env: { memory } }).exports as { d: (count: number) => void }).d;
  } catch {
    // A page's main thread may refuse to instantiate synchronously: the build draws in JavaScript.
    return null;
  }
  const list = new Int32Array(memory.buffer, LIST, 4);
  const counts = new Int32Array(memory.buffer, COUNTS, 4);
  const targets = new Uint32Array(memory.buffer, OUT, 4 * cols);
  let first = -4;
  return (i, out) => {
    if (i < first || i >= first + 4) {
      for (let L = 0; L < 4; L++) list[L] = i + L;
      d(4);
      first = i;
    }
    const L = i - first;
    const length = counts[L]!;
    out.set(targets.subarray(L * cols, L * cols + length));
    return length;
  };
}
