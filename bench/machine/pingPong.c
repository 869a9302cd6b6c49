/*
 * How long a cache line takes to go from one core of this machine to the other and back: the
 * least a per-step barrier between two threads can cost. Two threads, pinned to cpu 0 and cpu 1,
 * pass one counter back and forth a million times (each waits for the other's value, then
 * writes the next); printed, the mean round trip in nanoseconds. Run it a few times: on a shared
 * host the two virtual cores can sit near each other or far apart.
 *
 *   gcc -O2 -pthread bench/machine/pingPong.c -o /tmp/pingPong && /tmp/pingPong
 *
 * On this project's machine (2 virtual cores of an AMD EPYC), 2026-11-26: 408 to 503 ns, so a
 * barrier that moves its line several times one after the other costs microseconds per step.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

#define ROUNDS 1000000

/* The counter, alone on its cache line. Odd values are cpu 0's, even values cpu 1's. */
static volatile int counter __attribute__((aligned(64)));

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *answer(void *unused) {
  (void)unused;
  pin(1);
  for (int i = 0; i < ROUNDS; i++) {
    while (counter != 2 * i + 1) {
    }
    counter = 2 * i + 2;
  }
  return NULL;
}

int main(void) {
  pin(0);
  pthread_t other;
  pthread_create(&other, NULL, answer, NULL);
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (int i = 0; i < ROUNDS; i++) {
    counter = 2 * i + 1;
    while (counter != 2 * i + 2) {
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  pthread_join(other, NULL);
  double ns = (end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec);
  printf("round trip cpu 0 <-> cpu 1: %.1f ns\n", ns / ROUNDS);
  return 0;
}
