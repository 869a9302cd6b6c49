import type { Kernel } from '../../src/kernel.js';

/**
 * Runs a kernel `steps` steps, in blocks of its `maxBlock`, and lists the spikes of group `g` as
 * [step, neuron] pairs, in order (the steps counted from the kernel's step at the call).
 */
export function kernelSpikes(kernel: Kernel, steps: number, g = 0): [number, number][] {
  const spikes: [number, number][] = [];
  for (let done = 0; done < steps; ) {
    const ran = kernel.run(Math.min(kernel.maxBlock, steps - done));
    const { stepPtr, indices } = kernel.spikes(g);
    for (let k = 0; k < ran; k++) for (let q = stepPtr[k]!; q < stepPtr[k + 1]!; q++) spikes.push([done + k, indices[q]!]);
    done += ran;
  }
  return spikes;
}
