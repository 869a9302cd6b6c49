/**
 * A spikestream connectivity rule as the PyNN connector that draws the same kind of network
 * (not the same synapses: PyNN draws from its own generator; `toPyNN`'s `exact` exports the
 * synapses themselves).
 *
 * @example
 * ```ts
 * connectorExpr({ kind: 'fixedProbability', p: 0.25 }); // 'sim.FixedProbabilityConnector(0.25, allow_self_connections=True, rng=rng)'
 * ```
 * @module
 */
import type { ConnectivitySpec } from '../../model/projectionSpec.js';
import { pyNumber, pyString } from './pythonText.js';

/**
 * The connector of a rule other than `pairs` (which `toPyNN` writes as a list).
 *
 * @param c - the connectivity
 * @returns a Python expression
 */
export function connectorExpr(c: Exclude<ConnectivitySpec, { kind: 'pairs' }>): string {
  // spikestream, as PyNN, allows (i, i) within one group unless told not to.
  const self = `allow_self_connections=${'selfConnections' in c && c.selfConnections === false ? 'False' : 'True'}`;
  switch (c.kind) {
    case 'fixedProbability':
      return `sim.FixedProbabilityConnector(${pyNumber(c.p)}, ${self}, rng=rng)`;
    case 'allToAll':
      return `sim.AllToAllConnector(${self})`;
    case 'oneToOne':
      return 'sim.OneToOneConnector()';
    case 'fixedInDegree':
      return `sim.FixedNumberPreConnector(${c.k}, ${self}, with_replacement=False, rng=rng)`;
    case 'fixedOutDegree':
      return `sim.FixedNumberPostConnector(${c.k}, ${self}, with_replacement=False, rng=rng)`;
    case 'fixedTotal':
      return `sim.FixedTotalNumberConnector(${c.n}, ${self}, with_replacement=False, rng=rng)`;
    case 'distance': {
      // PyNN evaluates the expression of d, the distance in the populations' positions' units.
      const probability = `${pyNumber(c.p0)}*exp(-d*d/(2*${pyNumber(c.sigma)}*${pyNumber(c.sigma)}))`;
      return `sim.DistanceDependentProbabilityConnector(${pyString(probability)}, ${self}, rng=rng)`;
    }
  }
}
