"""The Tian et al. 2020 seed network in Brian2 C++ standalone mode, for side-by-side timing.

Usage: /usr/bin/python3 bench/brian2/tian2020.py --neurons 10000 --duration 1000 --dir /tmp/brian2-tian
Prints one JSON object: buildSeconds, simSeconds, peakBytes, rates, synapses.

The generated binary is compiled first, then run on its own and timed: simSeconds is the time of
the network run that Brian2 itself records (results/last_run_info.txt, profiling off);
buildSeconds is the time of the synapse creation code (the four create_generator code objects
and the spike queues' set-up), timed by a std::chrono clock this script adds to the generated
main.cpp; peakBytes is the binary's peak resident set.
Same model as the spikestream seed: LIF, forward Euler, dt 0.1 ms, exponential current traces
(one per target and projection), p = 0.25 with self-pairs, constant drive f*sqrt(N)*mu_f.
--noise adds white noise to V; --stdp lets E->E learn.
"""
import json
import brian2 as b2
from run_binary import build_and_run, standalone

args = standalone(b2, '/tmp/brian2-tian', neurons=10000, flags=['stdp', 'noise'])

N = args.neurons
NI = int(0.2 * N)
NE = N - NI
mu_f = 0.1
# --noise: white noise of sigma 1.5 on V (Euler-Maruyama), as bench/ownModels.ts's noisy seed.
noise = ' + 1.5 * sqrt(2 / tau) * xi' if args.noise else ''
eqs = f'''
dV/dt = (-V + IE + II + ext) / tau{noise} : 1
dIE/dt = -IE / tau_Es : 1
dII/dt = -II / tau_Is : 1
ext : 1 (constant)
tau : second (constant)
'''
# The traces hold g*s, so on_pre adds g: identical dynamics to s += 1 and g*s into the input.
P = b2.NeuronGroup(N, eqs, threshold='V >= 15', reset='V = 0', method='euler',
                   namespace={'tau_Es': 6 * b2.ms, 'tau_Is': 5 * b2.ms})
E = P[:NE]
I = P[NE:]
E.tau = 15 * b2.ms
I.tau = 10 * b2.ms
E.ext = 3 * N ** 0.5 * mu_f
I.ext = 2 * N ** 0.5 * mu_f
P.V = '15 * rand()'
S = []
for pre, post, var, g in [(E, E, 'IE', 0.25), (E, I, 'IE', 0.4), (I, E, 'II', -1.0), (I, I, 'II', -1.0)]:
    if args.stdp and pre is E and post is E:
        # --stdp: E->E learns by pair STDP, as examples/tian2020's stdpParams (weights in units of
        # J_EE from 1, bounded by 2), with Brian2's event-driven traces per synapse.
        s = b2.Synapses(pre, post, '''w : 1
                                     dApre/dt = -Apre / (20*ms) : 1 (event-driven)
                                     dApost/dt = -Apost / (20*ms) : 1 (event-driven)''',
                        on_pre=f'''{var}_post += {g} * w
                                   Apre += 0.01
                                   w = clip(w + Apost, 0, 2)''',
                        on_post='''Apost += -0.0105
                                   w = clip(w + Apre, 0, 2)''')
        s.connect(p=0.25)
        s.w = 1
    else:
        s = b2.Synapses(pre, post, on_pre=f'{var}_post += {g}')
        s.connect(p=0.25)
    S.append(s)
mon = b2.SpikeMonitor(P)
net = b2.Network(P, *S, mon)
net.run(args.duration * b2.ms)
timing = build_and_run(b2, args.dir)
b2.get_device().has_been_run = True  # results/ holds the run above: read the monitor from it
i = mon.i[:]
print(json.dumps({
    'neurons': N, 'durationMs': args.duration,
    **timing,
    'synapses': int(sum(len(s) for s in S)),
    'rates': {'E': float((i < NE).sum() / NE / (args.duration / 1000)),
              'I': float((i >= NE).sum() / NI / (args.duration / 1000))},
}))
