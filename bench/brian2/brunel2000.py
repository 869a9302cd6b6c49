"""Brunel 2000's sparse network (model A, delta synapses with a delay, external Poisson input) in
Brian2 C++ standalone mode, with forward Euler and the semantics of spikestream's delta synapses
(inputs during the refractory period are lost).

Usage: /usr/bin/python3 bench/brian2/brunel2000.py [--g 5] [--eta 2] [--duration 1000] [--seed S]
Prints one JSON object: buildSeconds, simSeconds, peakBytes, synapses, rates (E, I, Hz).
10,000 neurons (8,000 E, 2,000 I), in-degree 800 from E and 200 from I (fixedInDegree),
J = 0.1 mV, J_I = -g J, delay 1.5 ms, tau 20 ms, threshold 20 mV, reset 10 mV, refractory 2 ms,
800 external Poisson trains per neuron at eta * nu_thr, nu_thr = theta / (J C_E tau) = 12.5 Hz.
"""
import json, sys
import brian2 as b2
from run_binary import build_and_run, standalone

extra = {'--g': 5.0, '--eta': 2.0}
argv = sys.argv[1:]
for flag in list(extra):
    if flag in argv:
        k = argv.index(flag)
        extra[flag] = float(argv[k + 1])
        del argv[k:k + 2]
sys.argv = sys.argv[:1] + argv
args = standalone(b2, '/tmp/brian2-brunel')
g, eta = extra['--g'], extra['--eta']

ms, mV, Hz = b2.ms, b2.mV, b2.Hz
NE, NI, CE, CI = 8000, 2000, 800, 200
J, tau, theta, Vr = 0.1 * mV, 20 * ms, 20 * mV, 10 * mV
nu_ext = eta * theta / (J * CE * tau)
P = b2.NeuronGroup(NE + NI, 'dv/dt = -v / tau : volt (unless refractory)', threshold='v >= theta', reset='v = Vr',
                   refractory=2 * ms, method='euler')
P.v = 'rand() * theta'
Ce = b2.Synapses(P[:NE], P, on_pre='v_post += J * int(not_refractory_post)', delay=1.5 * ms)
Ci = b2.Synapses(P[NE:], P, on_pre='v_post += -g * J * int(not_refractory_post)', delay=1.5 * ms)
# Fixed in-degree: each target draws CE distinct E sources and CI distinct I sources.
import numpy as np
rng = np.random.default_rng(args.seed)
pre_e = np.concatenate([rng.choice(NE, CE, replace=False) for _ in range(NE + NI)])
post_e = np.repeat(np.arange(NE + NI), CE)
pre_i = np.concatenate([rng.choice(NI, CI, replace=False) for _ in range(NE + NI)])
post_i = np.repeat(np.arange(NE + NI), CI)
Ce.connect(i=pre_e, j=post_e)
Ci.connect(i=pre_i, j=post_i)
ext = b2.PoissonInput(P, 'v', CE, nu_ext, weight='J * int(not_refractory)')
mon = b2.SpikeMonitor(P)
net = b2.Network(P, Ce, Ci, ext, mon)
net.run(args.duration * ms)
timing = build_and_run(b2, args.dir)
i = mon.i[:]
seconds = args.duration / 1000
print(json.dumps({
    'g': g, 'eta': eta, 'durationMs': args.duration, **timing,
    'synapses': int(len(Ce) + len(Ci)),
    'rates': {'E': float((i < NE).sum() / NE / seconds), 'I': float((i >= NE).sum() / NI / seconds)},
}))
