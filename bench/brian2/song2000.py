"""Song, Miller & Abbott 2000 as Brian2's own example synapses/STDP.py writes it, in C++
standalone mode: 1,000 Poisson inputs at 15 Hz, one conductance-based LIF neuron, additive pair
STDP with event-driven traces, 100 s. For examples/stdp-song2000 and `npm run bench:stdp`.

Usage: /usr/bin/python3 bench/brian2/song2000.py [--seed 1] [--duration 100000] [--dir /tmp/brian2-song]
Prints one JSON object: seed, rateHz (output spikes over the run), fractionAboveHalf (final
weights above gmax/2), fractionNearBounds (within 10% of 0 or gmax), simSeconds.
"""
import json
import numpy as np
import brian2 as b2
from run_binary import standalone, run_binary

args = standalone(b2, '/tmp/brian2-song')
ms, mV, Hz, second = b2.ms, b2.mV, b2.Hz, b2.second
N = 1000
taum = 10 * ms
taupre = 20 * ms
taupost = taupre
Ee = 0 * mV
vt = -54 * mV
vr = -60 * mV
El = -74 * mV
taue = 5 * ms
F = 15 * Hz
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax
eqs_neurons = '''
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
'''
poisson_input = b2.PoissonGroup(N, rates=F)
neurons = b2.NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
S = b2.Synapses(poisson_input, neurons,
                '''w : 1
                   dApre/dt = -Apre / taupre : 1 (event-driven)
                   dApost/dt = -Apost / taupost : 1 (event-driven)''',
                on_pre='''ge += w
                          Apre += dApre
                          w = clip(w + Apost, 0, gmax)''',
                on_post='''Apost += dApost
                           w = clip(w + Apre, 0, gmax)''')
S.connect()
S.w = 'rand() * gmax'
mon = b2.SpikeMonitor(neurons)
net = b2.Network(poisson_input, neurons, S, mon)
net.run(args.duration * ms)
b2.device.build(directory=args.dir, compile=True, run=False, debug=False)
import os, subprocess
subprocess.run(['./main'], cwd=args.dir, check=True, stdout=subprocess.DEVNULL)
with open(os.path.join(args.dir, 'results', 'last_run_info.txt')) as f:
    sim = float(f.read().split()[0])
b2.get_device().has_been_run = True
w = np.asarray(S.w[:])
print(json.dumps({
    'seed': args.seed, 'durationMs': args.duration,
    'rateHz': float(mon.num_spikes / (args.duration / 1000)),
    'fractionAboveHalf': float((w > gmax / 2).mean()),
    'fractionNearBounds': float(((w < 0.1 * gmax) | (w > 0.9 * gmax)).mean()),
    'simSeconds': sim,
}))
