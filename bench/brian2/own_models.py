"""Two models that spikestream does not ship, written as equations, in Brian2 (numpy target,
forward Euler, dt = 0.1 ms): per-neuron spike counts for bench/ownModels.ts to compare with
spikestream's, which runs the very same equations.

Usage: /usr/bin/python3 bench/brian2/own_models.py [--neurons 500] [--duration 1000]
Prints one JSON object: {"qif": [counts], "adaptive": [counts], "hh": [counts]}.

qif:      dv/dt = (v*v/10 + drive) / tau, v >= 10 -> v = -10, tau = 10 ms, v0 = -10
adaptive: dv/dt = (10 * drive - v) / (10 ms), dvt/dt = (5 - vt) / (100 ms),
          v >= vt -> v = 0; vt += 2, vt0 = 5
hh:       COBAHH's Traub-Miles neuron (examples/cobahh traubMilesNeuron), driven by 300 * drive pA,
          exponential Euler, threshold and refractory 'v > -20' (a spike per upward crossing),
          v0 = -60, m, h, n from 0
Neuron i's drive is 0.5 + 4.5 i / (n - 1), the same in both simulators.
"""
import argparse
import json
import numpy as np
import brian2 as b2

ap = argparse.ArgumentParser()
ap.add_argument('--neurons', type=int, default=500)
ap.add_argument('--duration', type=float, default=1000.0)
args = ap.parse_args()
b2.prefs.codegen.target = 'numpy'
b2.defaultclock.dt = 0.1 * b2.ms
ms = b2.ms
n = args.neurons
drives = 0.5 + 4.5 * np.arange(n) / (n - 1)


def counts(eqs, threshold, reset, init, method='euler', refractory=False, namespace=None, drive='drive', scale=1):
    G = b2.NeuronGroup(n, eqs, threshold=threshold, reset=reset, method=method, refractory=refractory, namespace=namespace)
    setattr(G, drive, scale * drives)
    for name, value in init.items():
        setattr(G, name, value)
    mon = b2.SpikeMonitor(G)
    net = b2.Network(G, mon)
    net.run(args.duration * ms)
    return [int(c) for c in mon.count[:]]


qif = counts('dv/dt = (v*v/10 + drive) / (10*ms) : 1\ndrive : 1', 'v >= 10', 'v = -10', {'v': -10})
adaptive = counts('dv/dt = (10 * drive - v) / (10*ms) : 1\ndvt/dt = (5 - vt) / (100*ms) : 1\ndrive : 1', 'v >= vt', 'v = 0; vt += 2', {'vt': 5})
hh_eqs = """
dv/dt = (gL*(EL - v) + gNa*m*m*m*h*(ENa - v) + gK*n*n*n*n*(EK - v) + current) / C / ms : 1
dm/dt = (am*(1 - m) - bm*m) / ms : 1
dh/dt = (ah*(1 - h) - bh*h) / ms : 1
dn/dt = (an*(1 - n) - bn*n) / ms : 1
am = 1.28 / exprel((13 - v + VT) / 4) : 1
bm = 1.4 / exprel((v - VT - 40) / 5) : 1
ah = 0.128 * exp((17 - v + VT) / 18) : 1
bh = 4 / (1 + exp((40 - v + VT) / 5)) : 1
an = 0.16 / exprel((15 - v + VT) / 5) : 1
bn = 0.5 * exp((10 - v + VT) / 40) : 1
current : 1
"""
hh_constants = {'C': 200, 'gL': 10, 'gNa': 20000, 'gK': 6000, 'EL': -60, 'ENa': 50, 'EK': -90, 'VT': -63}
hh = counts(hh_eqs, 'v > -20', '', {'v': -60}, method='exponential_euler', refractory='v > -20', namespace=hh_constants, drive='current', scale=300)
print(json.dumps({'qif': qif, 'adaptive': adaptive, 'hh': hh}))
