"""Brette et al. 2007's CUBA, COBA and COBAHH benchmarks in Brian2 C++ standalone mode. CUBA as
Brian2's own example and COBA with BrainPy's parameters (a background current Ib, so that it starts
on its own), both with forward Euler (method='euler') to match spikestream's LIF integrator;
COBAHH as Brian2's own example (examples/COBAHH.py), with exponential Euler.

Usage: /usr/bin/python3 bench/brian2/brette2007.py --model cuba|coba|cobahh [--duration 1000] [--dir D] [--seed S]
Prints one JSON object: buildSeconds, simSeconds, peakBytes, synapses, rates (E, I, Hz).
Both: 4,000 neurons (3,200 E, 800 I), p = 0.02, taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV,
Vr -60 mV, refractory 5 ms, v0 uniform in [Vr, Vt).
CUBA: El -49 mV, currents we = 1.62 mV, wi = -9 mV.
COBA: El -60 mV, Ib 20 mV, conductances we 0.6, wi 6.7 (relative to the leak), Ee 0 mV, Ei -80 mV.
COBAHH: Traub-Miles Hodgkin-Huxley neurons of 20,000 um2, we 6 nS, wi 67 nS, threshold v > -20 mV,
refractory 3 ms, random initial v, ge and gi.
"""
import json
import brian2 as b2
from run_binary import build_and_run, standalone

args = standalone(b2, '/tmp/brian2-brette2007', model=('cuba', ['cuba', 'coba', 'cobahh']))

ms, mV = b2.ms, b2.mV
if args.model == 'cobahh':
    nS, pF = b2.nS, b2.pF
    # 1 uF/cm2, 0.05, 100 and 30 mS/cm2 over 20,000 um2.
    Cm, gl, g_na, g_kd = 200 * pF, 10 * nS, 20000 * nS, 6000 * nS
    El, EK, ENa, VT = -60 * mV, -90 * mV, 50 * mV, -63 * mV
    taue, taui, Ee, Ei, we, wi = 5 * ms, 10 * ms, 0 * mV, -80 * mV, 6 * nS, 67 * nS
    eqs = b2.Equations('''
    dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    ''')
    P = b2.NeuronGroup(4000, eqs, threshold='v > -20*mV', refractory=3 * ms, method='exponential_euler')
    P.v = 'El + (randn() * 5 - 5) * mV'
    P.ge = '(randn() * 1.5 + 4) * 10. * nS'
    P.gi = '(randn() * 12 + 20) * 10. * nS'
else:
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
