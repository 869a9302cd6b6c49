/**
 * A group as a model in the equation language, for the kernel: a `neuron` group as it is, a
 * built-in kind (LIF, Izhikevich, AdEx, Hodgkin–Huxley, Poisson) as its definition (the model
 * library), made once per group spec.
 *
 * @example
 * ```ts
 * import { modelGroupOf } from './modelGroupOf.js';
 * modelGroupOf(izhikevichGroup)?.equations; // 'dv/dt = 0.04*v*v + …'
 * ```
 * @module
 */
import type { GroupSpec } from '../groupSpec.js';
import { adexDefinition } from './adexDefinition.js';
import { hhDefinition } from './hhDefinition.js';
import { poissonDefinition } from './poissonDefinition.js';
import { izhikevichDefinition } from './izhikevichDefinition.js';
import { lifDefinition } from './lifDefinition.js';
import type { ModelGroup } from './modelGroup.js';

const made = new WeakMap<GroupSpec, ModelGroup>();

/**
 * The same object for the same spec, so that its checked model is made once (see `modelOf`).
 *
 * @param g - a group spec
 * @returns its model
 */
export function modelGroupOf(g: GroupSpec): ModelGroup {
  let m = made.get(g);
  if (m === undefined) {
    m = definition(g);
    made.set(g, m);
  }
  return m;
}

function definition(g: GroupSpec): ModelGroup {
  switch (g.kind) {
    case 'neuron':
      return g;
    case 'lif':
      return lifDefinition(g);
    case 'izhikevich':
      return izhikevichDefinition(g);
    case 'adex':
      return adexDefinition(g);
    case 'hh':
      return hhDefinition(g);
    case 'poisson':
      return poissonDefinition(g);
  }
}
