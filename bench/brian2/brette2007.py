"""Brette et al. 2007's CUBA and COBA benchmarks in Brian2 C++ standalone mode, with forward Euler
(method='euler') to match spikestream's integrator. CUBA as Brian2's own example; COBA with
BrainPy's parameters (a background current Ib, so that it starts on its own).

Usage: /usr/bin/python3 bench/brian2/brette2007.py --model cuba|coba [--duration 1000] [--dir D] [--seed S]
Prints one JSON object: buildSeconds, simSeconds, peakBytes, synapses, rates (E, I, Hz).
Both: 4,000 neurons (3,200 E, 800 I), p = 0.02, taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV,
Vr -60 mV, refractory 5 ms, v0 uniform in [Vr, Vt).
CUBA: El -49 mV, currents we = 1.62 mV, wi = -9 mV.
COBA: El -60 mV, Ib 20 mV, conductances we 0.6, wi 6.7 (relative to the leak), Ee 0 mV, Ei -80 mV.
"""
import json
import brian2 as b2
from run_binary import build_and_run, standalone

args = standalone(b2, '/tmp/brian2-brette2007', model=('cuba', ['cuba', 'coba']))

ms, mV = b2.ms, b2.mV
taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr = -50 * mV, -60 * mV
if args.model == 'cuba':
    El, we, wi = -49 * mV, (60 * 0.27 / 10) * mV, (-20 * 4.5 / 10) * mV
    eqs = '''
    dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    '''
else:
    El, Ee, Ei, Ib, we, wi = -60 * mV, 0 * mV, -80 * mV, 20 * mV, 0.6, 6.7
    eqs = '''
    dv/dt = (ge * (Ee - v) + gi * (Ei - v) - (v - El) + Ib) / taum : volt (unless refractory)
    dge/dt = -ge / taue : 1
    dgi/dt = -gi / taui : 1
    '''
P = b2.NeuronGroup(4000, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='euler')
P.v = 'Vr + rand() * (Vt - Vr)'
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
    'model': args.model, 'neurons': 4000, 'durationMs': args.duration, **timing,
    'synapses': int(len(Ce) + len(Ci)),
    'rates': {'E': float((i < 3200).sum() / 3200 / seconds), 'I': float((i >= 3200).sum() / 800 / seconds)},
}))
