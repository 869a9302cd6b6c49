"""van Vreeswijk & Sompolinsky 1996's balanced network, as in BrainPy's example set, in Brian2 C++
standalone mode, with exponential Euler (v steps exactly with the synaptic current held over the
step, as in spikestream's exponential integrator).

Usage: /usr/bin/python3 bench/brian2/vreeswijk1996.py [--duration 1000] [--seed S] [--dir D]
Prints one JSON object: buildSeconds, simSeconds, peakBytes, synapses, rates (E, I, Hz) and cv
(E, I: the mean coefficient of variation of the interspike intervals over neurons with at least
3 spikes after the first 100 ms).
1,000 neurons (500 E, 500 I), p = 0.1, tau 10 ms, rest -52 mV, threshold -50 mV, reset -60 mV,
no refractory period, exponential currents tau_s 2 ms, J = +-1/sqrt(p * 500), drive Ib = 3 mV,
v0 uniform in [rest, threshold).
"""
import json
import numpy as np
import brian2 as b2
from run_binary import build_and_run, standalone

args = standalone(b2, '/tmp/brian2-vreeswijk1996')
ms = b2.ms
NE, NI, p = 500, 500, 0.1
tau, tau_s, Vrest, Vth, Vreset, Ib = 10 * ms, 2 * ms, -52.0, -50.0, -60.0, 3.0
J = 1 / np.sqrt(p * NE)
eqs = '''
dv/dt = (-(v - Vrest) + Ib + g) / tau : 1
dg/dt = -g / tau_s : 1
'''
P = b2.NeuronGroup(NE + NI, eqs, threshold='v >= Vth', reset='v = Vreset', method='exponential_euler')
P.v = 'Vrest + rand() * (Vth - Vrest)'
Ce = b2.Synapses(P, P, on_pre='g += J')
Ci = b2.Synapses(P, P, on_pre='g -= J')
Ce.connect('i < NE', p=p)
Ci.connect('i >= NE', p=p)
mon = b2.SpikeMonitor(P)
net = b2.Network(P, Ce, Ci, mon)
net.run(args.duration * ms)
timing = build_and_run(b2, args.dir)
i, t = mon.i[:], mon.t[:] / ms
seconds = args.duration / 1000


def mean_cv(lo, hi):
    cvs = []
    for k in range(lo, hi):
        s = np.sort(t[(i == k) & (t >= 100)])
        if len(s) >= 3:
            d = np.diff(s)
            cvs.append(d.std() / d.mean())
    return float(np.mean(cvs))


print(json.dumps({
    'model': 'vreeswijk1996', 'neurons': NE + NI, 'durationMs': args.duration, **timing,
    'synapses': int(len(Ce) + len(Ci)),
    'rates': {'E': float((i < NE).sum() / NE / seconds), 'I': float((i >= NE).sum() / NI / seconds)},
    'cv': {'E': mean_cv(0, NE), 'I': mean_cv(NE, NE + NI)},
}))
