/*
 * What this machine gives two threads on the seed network's scatter, without JavaScript:
 * 10,000 sorted rows of 2,500 16-bit targets (50 MB), 8 random rows per step, each thread
 * adding 1 to the targets in its half of every row (the first pass over the rows' lines, then
 * the additions), as the threaded kernel does. Printed, seconds for 10,000 steps:
 *   - each core alone, the whole rows (a core the host shares is slower than the other);
 *   - two threads, free-running (no barrier), the same row order and opposite orders;
 *   - two threads in lockstep (a spin barrier per step, as the kernel has), both orders.
 *
 *   gcc -O3 -march=native -pthread bench/machine/scatterHalves.c -o /tmp/scatterHalves && /tmp/scatterHalves
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROWS 10000
#define LEN 2500
#define STEPS 10000

static uint16_t *col;
static uint32_t *cut;
static double *trace;
static volatile int arrived, generation;
static int lockstep, threads;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void barrier(void) {
  int gen = generation;
  if (__sync_add_and_fetch(&arrived, 1) == threads) {
    arrived = 0;
    __sync_add_and_fetch(&generation, 1);
  } else {
    while (generation == gen) {
    }
  }
}

typedef struct { int part, parts, cpu, reverse; double seconds; } job_t;

static void *scatter(void *arg) {
  job_t *job = arg;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(job->cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
  uint32_t x = 1;
  volatile uint8_t sink = 0;
  double t0 = now();
  for (long step = 0; step < STEPS; step++) {
    if (lockstep) barrier();
    long rows[8];
    for (int k = 0; k < 8; k++) rows[k] = ((x = x * 1664525 + 1013904223) >> 4) % ROWS;
    for (int pass = 0; pass < 2; pass++) {
      for (int kk = 0; kk < 8; kk++) {
        long r = rows[job->reverse ? 7 - kk : kk];
        long lo = r * LEN + (job->part == 0 ? 0 : cut[r]);
        long hi = r * LEN + (job->parts == 1 || job->part == 1 ? LEN : cut[r]);
        if (pass == 0) for (long b = lo; b < hi; b += 32) sink += ((uint8_t *)(col + b))[0];
        else for (long j = lo; j < hi; j++) trace[col[j]] += 1.0;
      }
    }
  }
  job->seconds = now() - t0;
  return NULL;
}

static int ascending(const void *a, const void *b) { return *(const uint16_t *)a - *(const uint16_t *)b; }

static void two(const char *name, int step, int reverse) {
  lockstep = step;
  threads = 2;
  job_t a = {0, 2, 0, 0, 0}, b = {1, 2, 1, reverse, 0};
  pthread_t t;
  pthread_create(&t, NULL, scatter, &b);
  scatter(&a);
  pthread_join(t, NULL);
  printf("%-44s %.3f s and %.3f s\n", name, a.seconds, b.seconds);
}

int main(void) {
  col = malloc((size_t)ROWS * LEN * 2);
  cut = malloc(ROWS * 4);
  trace = calloc(10000, 8);
  uint32_t x = 7;
  for (long r = 0; r < ROWS; r++) {
    for (int j = 0; j < LEN; j++) col[r * LEN + j] = ((x = x * 1664525 + 1013904223) >> 8) % 10000;
    qsort(col + r * LEN, LEN, 2, ascending);
    int j = 0;
    while (j < LEN && col[r * LEN + j] < 5000) j++;
    cut[r] = j;
  }
  for (int cpu = 0; cpu < 2; cpu++) {
    job_t whole = {0, 1, cpu, 0, 0};
    lockstep = 0;
    scatter(&whole);
    printf("one thread on cpu %d, whole rows             %.3f s\n", cpu, whole.seconds);
  }
  two("two threads, free-running, same order", 0, 0);
  two("two threads, free-running, opposite orders", 0, 1);
  two("two threads, lockstep, same order", 1, 0);
  two("two threads, lockstep, opposite orders", 1, 1);
  return (int)(trace[0] < 0);
}
