"""Runs a compiled Brian2 C++ standalone project once and prints its timings as JSON.

Usage: /usr/bin/python3 bench/brian2/run_binary.py DIR
buildSeconds: synapse creation, timed inside the binary (tian2020.py adds the clock);
simSeconds: the network run, as Brian2 records it (results/last_run_info.txt);
peakBytes: the binary's peak resident set.
"""
import argparse, json, os, resource, subprocess, sys


def run_binary(directory):
    subprocess.run(['./main'], cwd=directory, check=True, stdout=subprocess.DEVNULL)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    with open(os.path.join(directory, 'results', 'last_run_info.txt')) as f:
        sim = float(f.read().split()[0])
    with open(os.path.join(directory, 'results', 'build_seconds.txt')) as f:
        build = float(f.read())
    return {'buildSeconds': build, 'simSeconds': sim, 'peakBytes': peak}


def standalone(b2, default_dir, neurons=None, model=None, flags=()):
    """Parses --duration, --dir, --seed (and --neurons, --model when given a default, and each of
    `flags` as a --flag) and sets Brian2 up as every script here runs it: C++ standalone, one
    thread, dt = 0.1 ms, the seed. `model` is (default, choices)."""
    ap = argparse.ArgumentParser()
    for flag in flags:
        ap.add_argument(f'--{flag}', action='store_true')
    if neurons is not None:
        ap.add_argument('--neurons', type=int, default=neurons)
    if model is not None:
        ap.add_argument('--model', default=model[0], choices=model[1])
    ap.add_argument('--duration', type=float, default=1000.0)
    ap.add_argument('--dir', default=default_dir)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    b2.set_device('cpp_standalone', directory=args.dir, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.defaultclock.dt = 0.1 * b2.ms
    b2.seed(args.seed)
    return args


def build_and_run(b2, directory):
    """Builds the C++ standalone project of the network defined so far, with a clock around its
    synapse creation (the create_generator code objects and the spike queues' set-up, written
    to results/build_seconds.txt), compiles it, runs it once and returns run_binary's figures.
    The device is then marked as run, so that monitors read their results."""
    b2.device.build(directory=directory, compile=False, run=False, debug=False)
    main_cpp = os.path.join(directory, 'main.cpp')
    lines = open(main_cpp).read().split('\n')
    first = next(k for k, l in enumerate(lines) if 'synapses_create' in l and l.strip().endswith('();'))
    last = max(k for k, l in enumerate(lines) if '_pre_push_spikes();' in l and 'before_run' in l)
    lines.insert(last + 1, '{ auto _b1 = std::chrono::steady_clock::now(); std::ofstream _f("results/build_seconds.txt"); '
                           '_f << std::chrono::duration<double>(_b1 - _b0).count(); }')
    lines.insert(first, 'auto _b0 = std::chrono::steady_clock::now();')
    open(main_cpp, 'w').write('#include <chrono>\n' + '\n'.join(lines))
    subprocess.run(['make', '-s', '-j2'], cwd=directory, check=True, stdout=subprocess.DEVNULL)
    timing = run_binary(directory)
    b2.get_device().has_been_run = True
    return timing


if __name__ == '__main__':
    print(json.dumps(run_binary(sys.argv[1])))
