"""Brette et al. 2007's CUBA benchmark in Brian2 C++ standalone mode, as Brian2's own example,
with forward Euler (method='euler') to match spikestream's integrator.

Usage: /usr/bin/python3 bench/brian2/cuba.py --duration 1000 --dir /tmp/brian2-cuba [--seed S]
Prints one JSON object: buildSeconds, simSeconds, peakBytes, synapses, rates (E, I, Hz).
4,000 neurons (3,200 E, 800 I), p = 0.02, taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV,
Vr -60 mV, El -49 mV, refractory 5 ms, we = 1.62 mV, wi = -9 mV, v0 uniform in [Vr, Vt).
"""
import json
import brian2 as b2
from run_binary import build_and_run, standalone

args = standalone(b2, '/tmp/brian2-cuba')

ms, mV = b2.ms, b2.mV
taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
eqs = '''
dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
dge/dt = -ge / taue : volt
dgi/dt = -gi / taui : volt
'''
P = b2.NeuronGroup(4000, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='euler')
P.v = 'Vr + rand() * (Vt - Vr)'
we = (60 * 0.27 / 10) * mV
wi = (-20 * 4.5 / 10) * mV
Ce = b2.Synapses(P, P, on_pre='ge += we')
Ci = b2.Synapses(P, P, on_pre='gi += wi')
Ce.connect('i < 3200', p=0.02)
Ci.connect('i >= 3200', p=0.02)
mon = b2.SpikeMonitor(P)
net = b2.Network(P, Ce, Ci, mon)
net.run(args.duration * ms)
timing = build_and_run(b2, args.dir)
i = mon.i[:]
seconds = args.duration / 1000
print(json.dumps({
    'neurons': 4000, 'durationMs': args.duration, **timing,
    'synapses': int(len(Ce) + len(Ci)),
    'rates': {'E': float((i < 3200).sum() / 3200 / seconds), 'I': float((i >= 3200).sum() / 800 / seconds)},
}))
