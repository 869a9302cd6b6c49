/*
 * What meeting once per step costs two threads on this machine when the work itself shares
 * nothing: the least a two-thread kernel of the seed network can lose to its lockstep. Each step
 * is a fixed amount of arithmetic (a chain of multiply-adds in registers: no memory traffic,
 * so nothing the two cores could slow each other down on). One thread does a whole step's work
 * per step; two threads, pinned to cpu 0 and cpu 1, do half each and then meet as the kernel's
 * threads do (each posts its step's number on a cache line of its own, then waits for the
 * other's). Rounds alternate; printed, each round's times and two threads / one, and how much of
 * each core's time the host took in gaps (a loop that reads the clock and counts any jump of more
 * than 20 µs, on both cores at once, for one second).
 *
 *   gcc -O2 -pthread bench/machine/lockstep.c -o /tmp/lockstep && /tmp/lockstep [step µs = 17] [steps = 10000]
 *
 * Two threads in lockstep take the longer of the two halves at every step: a thread that loses
 * its core for a moment (the host's timer ticks and neighbours, which take 20 to 50 µs many
 * times a second here) stops the other at the next meeting, so the losses of both cores add up,
 * where one thread loses only its own core's.
 *
 * On this project's machine, 2026-11-27 (round trip 475-495 ns): at 17 µs per step, two threads
 * / one 0.499-0.530 in four rounds of five and 0.695 in the fifth; at 8 µs, 0.529-0.573; gaps
 * 4.4-6.6 % of each core. The seed network's kernel gives 0.54-0.60 (docs/performance.md).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Each thread's posted step, alone on its cache line. */
static _Atomic int posted[2][16] __attribute__((aligned(64)));
static long steps = 10000;
static long units = 1000; /* iterations of the chain per half step, calibrated in main */
static volatile double sink;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

/* n iterations of a dependent multiply-add: about the same time on any core, from registers. */
static double work(long n, double x) {
  for (long i = 0; i < n; i++) x = x * 0.999999 + 1e-7;
  return x;
}

struct half { int cpu; double seconds; };

static void *twoThreads(void *arg) {
  struct half *h = arg;
  int me = h->cpu, other = 1 - h->cpu;
  pin(me);
  double x = 1;
  double t0 = now();
  for (int k = 1; k <= steps; k++) {
    x = work(units, x);
    atomic_store(&posted[me][0], k);
    while (atomic_load(&posted[other][0]) < k) {
    }
  }
  h->seconds = now() - t0;
  sink = x;
  return NULL;
}

static double oneThread(int cpu) {
  pin(cpu);
  double x = 1;
  double t0 = now();
  for (long k = 0; k < steps; k++) x = work(2 * units, x);
  sink = x;
  return now() - t0;
}

static double pair(void) {
  pthread_t a, b;
  struct half ha = {0, 0}, hb = {1, 0};
  atomic_store(&posted[0][0], 0);
  atomic_store(&posted[1][0], 0);
  pthread_create(&a, NULL, twoThreads, &ha);
  pthread_create(&b, NULL, twoThreads, &hb);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return ha.seconds > hb.seconds ? ha.seconds : hb.seconds;
}

/* The host's gaps on one core: one second of reading the clock, jumps over 20 µs summed. */
static void *gaps(void *arg) {
  double *out = arg;
  pin((int)out[0]);
  double t0 = now(), last = t0, lost = 0;
  while (last - t0 < 1) {
    double t = now();
    if (t - last > 20e-6) lost += t - last;
    last = t;
  }
  out[1] = lost / (last - t0);
  return NULL;
}

int main(int argc, char **argv) {
  double stepMicros = argc > 1 ? atof(argv[1]) : 17;
  if (argc > 2) steps = atol(argv[2]);
  /* Calibrate: units such that a whole step (2 units) takes stepMicros on cpu 0. */
  pin(0);
  double t0 = now();
  sink = work(10000000, 1);
  units = (long)(stepMicros * 1e-6 / ((now() - t0) / 10000000) / 2);
  for (int r = 1; r <= 5; r++) {
    double one0 = oneThread(0), one1 = oneThread(1), two = pair();
    double best = one0 < one1 ? one0 : one1;
    pthread_t a, b;
    double g0[2] = {0, 0}, g1[2] = {1, 0};
    pthread_create(&a, NULL, gaps, g0);
    pthread_create(&b, NULL, gaps, g1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("round %d: one thread %.1f ms (cpu 0) %.1f ms (cpu 1), two threads %.1f ms: two / one %.3f; host gaps %.1f %% and %.1f %% of each core\n", r, one0 * 1e3, one1 * 1e3,
           two * 1e3, two / best, 100 * g0[1], 100 * g1[1]);
  }
  return 0;
}
