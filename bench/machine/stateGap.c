/*
 * Why two threads of the seed network keep their state apart (src/kernel/wasm/wasmLayout.ts,
 * threadStateStride), without JavaScript: the whole step of the threaded kernel in C. Each
 * thread updates its share of 10,000 neurons (potential and two traces, f64), meets the other
 * at a spin barrier, then adds 8 random rows of 2,500 sorted 16-bit targets into its share of
 * the traces (a first pass over the rows' lines, then the additions). Printed, per variant, the
 * seconds for 20,000 steps and each thread's microseconds per step in its neurons, its wait and
 * its scatter:
 *   - one thread, all the neurons;
 *   - two threads on the two halves of the same arrays (the layout before the copies);
 *   - two threads, the second's half in a copy of the arrays 4 KB and more from the first's;
 * and each two-thread variant again with the second thread on 1/32 of the neurons, where the
 * first's prefetchers running past its end reach into everything the second thread owns.
 * With an argument, the "copy" is instead the same arrays with the second half that many bytes
 * further on (a multiple of 8), to see how large a gap is enough.
 *
 *   gcc -O3 -march=native -pthread bench/machine/stateGap.c -o /tmp/stateGap && /tmp/stateGap
 *   /tmp/stateGap 1024
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N 10000
#define NE 8000
#define LEN 2500
#define STEPS 20000
#define COPY (N + 8192) /* values per array; the second thread's copy starts this far on */

static uint16_t *rows[2];
static uint32_t *cut[2];
static double *V, *sE, *sI; /* 2 * COPY values each: the first thread's arrays, then the copy */
static volatile int arrived, generation;
static int threads, apart;
static long copyShift = COPY; /* values from the first thread's arrays to the second's part */
static long boundary;

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

typedef struct { int part; double seconds, neurons, wait, scatter; } job_t;

static void *run(void *arg) {
  job_t *job = arg;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(job->part, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
  long lo = job->part == 0 ? 0 : boundary, hi = job->part == 0 ? boundary : N;
  long shift = job->part == 1 && apart ? copyShift : 0;
  double *v = V + shift, *e = sE + shift, *in = sI + shift;
  volatile uint8_t sink = 0;
  double start = now(), tn = 0, tw = 0, ts = 0;
  for (long step = 0; step < STEPS; step++) {
    double a = now();
    for (long i = lo; i < hi; i++) {
      double I = 0.5 * e[i] - 2.0 * in[i] + 0.02, x = I + (v[i] - I) * 0.995;
      e[i] *= 0.98;
      in[i] *= 0.99;
      v[i] = x > 1.0 ? 0 : x;
    }
    double b = now();
    if (threads > 1) barrier();
    double c = now();
    uint32_t x = (uint32_t)(step * 2654435761u + 1);
    long pre[8];
    for (int k = 0; k < 8; k++) pre[k] = ((x = x * 1664525 + 1013904223) >> 4) % N;
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < 8; k++) {
        int p = pre[k] < NE ? 0 : 1;
        long r = p ? pre[k] - NE : pre[k];
        double *s = p ? in : e;
        uint16_t *row = rows[p] + r * LEN;
        long from = job->part == 0 ? 0 : cut[p][r], to = job->part == 0 ? cut[p][r] : LEN;
        if (pass == 0) for (long j = from; j < to; j += 32) sink += ((uint8_t *)(row + j))[0];
        else for (long j = from; j < to; j++) s[row[j]] += 1.0;
      }
    }
    double d = now();
    tn += b - a;
    tw += c - b;
    ts += d - c;
  }
  job->seconds = now() - start;
  job->neurons = tn / STEPS * 1e6;
  job->wait = tw / STEPS * 1e6;
  job->scatter = ts / STEPS * 1e6;
  return NULL;
}

static int ascending(const void *a, const void *b) { return *(const uint16_t *)a - *(const uint16_t *)b; }

static void variant(const char *name, int t, long b, int copies) {
  threads = t;
  boundary = b;
  apart = copies;
  arrived = 0;
  for (int p = 0; p < 2; p++) {
    long n = p ? N - NE : NE;
    for (long r = 0; r < n; r++) {
      uint16_t *row = rows[p] + r * LEN;
      int j = 0;
      while (j < LEN && row[j] < b) j++;
      cut[p][r] = j;
    }
  }
  job_t first = {0}, second = {1};
  pthread_t worker;
  if (t > 1) pthread_create(&worker, NULL, run, &second);
  run(&first);
  if (t > 1) pthread_join(worker, NULL);
  printf("%-40s %.3f s | first: neurons %5.2f wait %5.2f scatter %5.2f us", name, first.seconds, first.neurons, first.wait, first.scatter);
  if (t > 1) printf(" | second: neurons %5.2f wait %5.2f scatter %5.2f us", second.neurons, second.wait, second.scatter);
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc > 1) copyShift = atol(argv[1]) / 8;
  if (copyShift < 0 || copyShift > COPY) return 2;
  V = aligned_alloc(4096, 2 * COPY * 8);
  sE = aligned_alloc(4096, 2 * COPY * 8);
  sI = aligned_alloc(4096, 2 * COPY * 8);
  for (long i = 0; i < 2 * COPY; i++) V[i] = sE[i] = sI[i] = 0;
  uint32_t x = 7;
  for (int p = 0; p < 2; p++) {
    long n = p ? N - NE : NE;
    rows[p] = malloc(n * LEN * 2);
    cut[p] = malloc(n * 4);
    for (long r = 0; r < n; r++) {
      for (int j = 0; j < LEN; j++) rows[p][r * LEN + j] = ((x = x * 1664525 + 1013904223) >> 8) % N;
      qsort(rows[p] + r * LEN, LEN, 2, ascending);
    }
  }
  for (int round = 0; round < 3; round++) {
    variant("one thread", 1, N, 0);
    variant("two threads, halves of the same arrays", 2, N / 2, 0);
    variant(argc > 1 ? "two threads, the second's half shifted" : "two threads, the second's in a copy", 2, N / 2, 1);
    variant("second on 1/32, same arrays", 2, N - 312, 0);
    variant(argc > 1 ? "second on 1/32, shifted" : "second on 1/32, in a copy", 2, N - 312, 1);
  }
  return 0;
}
