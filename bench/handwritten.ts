/**
 * The seed network's step written by hand, for this one network: what the generated kernel is
 * measured against. Same arithmetic and order as the kernel (so the spikes must agree, and the
 * bench checks that they do), no NaN checks, no probes, a spike buffer sized for the worst case.
 */
import { type Simulation } from '../src/index.js';
import { csrOf, type Csr } from '../src/kernel.js';

export function handwrittenRun(sim: Simulation, steps: number): { spikes: number; checksum: number } {
  const net = sim.built;
  const kernel = sim.kernel(); // only for the initial potentials, drawn as the engine draws them
  const nE = net.groups[0]!.size;
  const nI = net.groups[1]!.size;
  const VE = kernel.groups[0]!.V.slice();
  const VI = kernel.groups[1]!.V.slice();
  // Closed at once: the network's WebAssembly memory goes back to it for the next kernel.
  kernel.close();
  const [I2E, E2E, I2I, E2I] = net.projections.map((p) => csrOf(p.synapses)) as [Csr, Csr, Csr, Csr];
  const sI2E = new Float64Array(nE);
  const sE2E = new Float64Array(nE);
  const sI2I = new Float64Array(nI);
  const sE2I = new Float64Array(nI);
  const rpI2E = I2E.rowPtr, ciI2E = I2E.col, rpE2E = E2E.rowPtr, ciE2E = E2E.col;
  const rpI2I = I2I.rowPtr, ciI2I = I2I.col, rpE2I = E2I.rowPtr, ciE2I = E2I.col;
  const inputs = net.spec.inputs.map((x) => (x.kind === 'constant' ? x.value : 0));
  const extE = inputs[0]!;
  const extI = inputs[1]!;
  const dt = sim.clock.dt;
  const aE = dt / 15, aI = dt / 10, d5 = 1 - dt / 5, d6 = 1 - dt / 6;
  const spE = new Int32Array(nE);
  const spI = new Int32Array(nI);
  let spikes = 0;
  let checksum = 0;
  for (let k = 0; k < steps; k++) {
    let cE = 0;
    for (let i = 0; i < nE; i++) {
      const I = -1 * sI2E[i]! + 0.25 * sE2E[i]! + extE;
      sI2E[i] = sI2E[i]! * d5;
      sE2E[i] = sE2E[i]! * d6;
      let v = VE[i]!;
      v = v + (I - v) * aE;
      if (v >= 15) {
        spE[cE++] = i;
        v = 0;
      }
      VE[i] = v;
    }
    let cI = 0;
    for (let i = 0; i < nI; i++) {
      const I = -1 * sI2I[i]! + 0.4 * sE2I[i]! + extI;
      sI2I[i] = sI2I[i]! * d5;
      sE2I[i] = sE2I[i]! * d6;
      let v = VI[i]!;
      v = v + (I - v) * aI;
      if (v >= 15) {
        spI[cI++] = i;
        v = 0;
      }
      VI[i] = v;
    }
    for (let q = 0; q < cE; q++) {
      const pre = spE[q]!;
      for (let j = rpE2E[pre]!, e = rpE2E[pre + 1]!; j < e; j++) sE2E[ciE2E[j]!]! += 1;
      for (let j = rpE2I[pre]!, e = rpE2I[pre + 1]!; j < e; j++) sE2I[ciE2I[j]!]! += 1;
    }
    for (let q = 0; q < cI; q++) {
      const pre = spI[q]!;
      for (let j = rpI2E[pre]!, e = rpI2E[pre + 1]!; j < e; j++) sI2E[ciI2E[j]!]! += 1;
      for (let j = rpI2I[pre]!, e = rpI2I[pre + 1]!; j < e; j++) sI2I[ciI2I[j]!]! += 1;
    }
    spikes += cE + cI;
    for (let q = 0; q < cE; q++) checksum = (checksum * 31 + spE[q]! + k) % 1000000007;
  }
  return { spikes, checksum };
}
