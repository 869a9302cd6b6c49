/*
 * How fast each of the two cores runs the seed network's kind of memory-bound work right now:
 * the spike scatter's pattern (rows of 16-bit target indices read from random places in 48 MB,
 * a trace of 8 bytes incremented per target), 8,000 rows a pass, three passes on each core,
 * pinned to cpu 0 and cpu 1 in turn; printed, each core's best pass in milliseconds.
 *
 *   gcc -O2 bench/machine/coreSpeed.c -o /tmp/coreSpeed && /tmp/coreSpeed
 *
 * The host can run one virtual core 1.5 or more times slower than the other at this work for
 * minutes at a time while arithmetic runs at the same speed on both (a neighbour on the same
 * physical core, presumably): one thread then runs at the speed of the core it landed on, and
 * two threads in lockstep at best at that of both together (docs/performance.md). `npm run
 * bench` prints it with each round, when a C compiler is at hand.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROW 2500
#define ROWS (48 * 1024 * 1024 / 2 / ROW)
#define TARGETS 10000
#define SPIKES 8000

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);
}

int main(void) {
  uint16_t *col = malloc(sizeof(uint16_t) * (size_t)ROWS * ROW);
  double *trace = calloc(TARGETS, sizeof(double));
  int *order = malloc(sizeof(int) * SPIKES);
  if (col == NULL || trace == NULL || order == NULL) return 1;
  uint32_t x = 12345;
  for (size_t k = 0; k < (size_t)ROWS * ROW; k++) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    col[k] = (uint16_t)(x % TARGETS);
  }
  for (int s = 0; s < SPIKES; s++) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    order[s] = (int)(x % ROWS);
  }
  double best[2] = {1e9, 1e9};
  for (int pass = 0; pass < 6; pass++) {
    int cpu = pass % 2;
    pin(cpu);
    double t0 = now();
    for (int s = 0; s < SPIKES; s++) {
      const uint16_t *row = col + (size_t)order[(s + pass * 97) % SPIKES] * ROW;
      for (int k = 0; k < ROW; k++) trace[row[k]] += 1;
    }
    double t = now() - t0;
    if (t < best[cpu]) best[cpu] = t;
  }
  printf("%.3f %.3f\n", best[0], best[1]);
  return trace[0] < 0;
}
