"""A network given to Brian2 as data: groups of LIF neurons (forward Euler, the seed's
arithmetic), their initial potentials, and every synapse with its weight and delay in steps, as
spikestream drew them. Brian2 (numpy target, dt = 0.1 ms) runs it and prints its spikes, for
test/kernel/synapseValues.test.ts to compare spike for spike.

Usage: /usr/bin/python3 bench/brian2/delays.py < network.json
Input: {"dt", "steps", "groups": [{"name", "size", "tau", "threshold", "reset", "v0": [...],
"external"}], "projections": [{"pre", "post", "tau", "g", "i": [...], "j": [...], "w": [...],
"d": [...] (steps, or null for none)}]}
Prints one JSON object: {group: [[step, neuron], ...]} in the order Brian2 recorded them.
"""
import json
import sys
import numpy as np
import brian2 as b2

spec = json.load(sys.stdin)
b2.prefs.codegen.target = 'numpy'
dt = spec['dt'] * b2.ms
b2.defaultclock.dt = dt
groups = {}
for g in spec['groups']:
    incoming = [k for k, p in enumerate(spec['projections']) if p['post'] == g['name']]
    # The input in the seed's order: external, then each projection's g·s in declaration order.
    drive = ' + '.join([repr(float(g['external']))] + [f"{spec['projections'][k]['g']!r} * s{k}" for k in incoming])
    eqs = f"dv/dt = ({drive} - v) / ({g['tau']!r} * ms) : 1\n" + ''.join(
        f"ds{k}/dt = -s{k} / ({spec['projections'][k]['tau']!r} * ms) : 1\n" for k in incoming)
    G = b2.NeuronGroup(g['size'], eqs, threshold=f"v >= {g['threshold']!r}", reset=f"v = {g['reset']!r}", method='euler', namespace={'ms': b2.ms})
    G.v = np.array(g['v0'])
    groups[g['name']] = G
synapses = []
for k, p in enumerate(spec['projections']):
    S = b2.Synapses(groups[p['pre']], groups[p['post']], 'w : 1', on_pre=f's{k}_post += w')
    S.connect(i=np.array(p['i']), j=np.array(p['j']))
    S.w = np.array(p['w'])
    if p['d'] is not None:
        S.delay = np.array(p['d']) * dt
    synapses.append(S)
monitors = {name: b2.SpikeMonitor(G) for name, G in groups.items()}
net = b2.Network(*groups.values(), *synapses, *monitors.values())
net.run(spec['steps'] * dt)
out = {}
for name, m in monitors.items():
    steps = np.round(np.asarray(m.t / dt)).astype(int)
    out[name] = [[int(s), int(i)] for s, i in zip(steps, np.asarray(m.i))]
print(json.dumps(out))
