"""Runs a compiled Brian2 C++ standalone project once and prints its timings as JSON.

Usage: /usr/bin/python3 bench/brian2/run_binary.py DIR
buildSeconds: synapse creation, timed inside the binary (tian2020.py adds the clock);
simSeconds: the network run, as Brian2 records it (results/last_run_info.txt);
peakBytes: the binary's peak resident set.
"""
import json, os, resource, subprocess, sys


def run_binary(directory):
    subprocess.run(['./main'], cwd=directory, check=True, stdout=subprocess.DEVNULL)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    with open(os.path.join(directory, 'results', 'last_run_info.txt')) as f:
        sim = float(f.read().split()[0])
    with open(os.path.join(directory, 'results', 'build_seconds.txt')) as f:
        build = float(f.read())
    return {'buildSeconds': build, 'simSeconds': sim, 'peakBytes': peak}


if __name__ == '__main__':
    print(json.dumps(run_binary(sys.argv[1])))
