// rnnkit's optional native gemm: a Node-API addon built from this file at install (node-gyp,
// against the headers of the Node that runs it; nothing is downloaded). Same contract as the
// WASM SIMD gemm (wasm/gemm.ts):
//
//   C[M×N] = (accumulate ? C : 0) + op(A)[M×K]·B[K×N], op(A) = A or Aᵀ, row-major,
//   a, b, c byte offsets into one Float32Array (the WASM kernels' memory), leading dims in floats.
//
// Why it exists: WebAssembly SIMD is 128 bits wide with no fused multiply-add, so the WASM gemm
// peaks at about half of what one x86-64 core does with AVX2/FMA (or AVX-512). This file is a
// BLIS-style gemm: B packed in [KC × NR] slivers, A in [KC × MR] slivers, an MR×NR register tile
// of FMA accumulators. The micro-kernels are compiled for AVX2+FMA and AVX-512F through target
// attributes and picked at run time from what the CPU reports; a CPU with neither (or a non-x86
// one) makes `isa()` return "none" and rnnkit keeps the WASM gemm.
//
// Determinism: every element of C is summed in the same order (KC blocks in order; within a
// block p = 0…kc−1 with one FMA each, starting from C) whatever the thread count or the split,
// so results are bit-identical across thread counts. They differ from the WASM gemm's in the
// last bits (FMA rounds once where WASM rounds twice).
//
// Threads: the caller and up to MAX_THREADS−1 native workers split one multiply by columns of C
// (or rows when C is narrow). Workers spin briefly between jobs (a sequence's per-step multiplies
// come every few hundred microseconds), then sleep on a condition variable.

#include <node_api.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define RNNKIT_X86 1
#endif

namespace {

constexpr int KC = 256;
constexpr int MC = 96;
constexpr int NC = 1024;
constexpr int MAX_THREADS = 8;
/** Largest op(A) (floats) packed once and shared by the column chunks of a split multiply. */
constexpr int64_t SHARED_A_MAX_FLOATS = int64_t(1) << 18;
/** How long a worker spins for the next job before it sleeps (the gap between a sequence's per-step multiplies is well under this). */
constexpr int SPIN_US = 2000;

struct Call {
  int transA, m, n, k;
  const float* a;
  int64_t lda;
  const float* b;
  int64_t ldb;
  float* c;
  int64_t ldc;
  /** B already packed whole (all KC blocks, ⌈packedN/NR⌉ slivers each), or null; sliver0: this part's first sliver. */
  const float* packedB;
  int packedN, sliver0;
  /** op(A) already packed whole (all KC blocks, ⌈m/MR⌉ slivers each), or null (column splits share it). */
  const float* packedA;
};

enum class Isa { None, Avx2, Avx512 };

// ---------------------------------------------------------------------------------------------
// Packing and the blocked loop, shared by both ISAs (templated on the register tile).

/** Packs op(A)[i0…i0+mc, p0…p0+kc] as ⌈mc/MR⌉ slivers of kc×MR (zero-padded rows). */
template <int MR>
void packA(const Call& g, int i0, int mc, int p0, int kc, float* dst) {
  for (int ir = 0; ir < mc; ir += MR) {
    const int mr = std::min(MR, mc - ir);
    if (g.transA) {
      for (int p = 0; p < kc; p++) {
        const float* src = g.a + (int64_t)(p0 + p) * g.lda + (i0 + ir);
        float* out = dst + (int64_t)p * MR;
        for (int r = 0; r < mr; r++) out[r] = src[r];
        for (int r = mr; r < MR; r++) out[r] = 0.0f;
      }
    } else {
      // Row by row: contiguous reads of A, writes MR floats apart.
      for (int r = 0; r < MR; r++) {
        if (r >= mr) {
          for (int p = 0; p < kc; p++) dst[(int64_t)p * MR + r] = 0.0f;
          continue;
        }
        const float* src = g.a + (int64_t)(i0 + ir + r) * g.lda + p0;
        for (int p = 0; p < kc; p++) dst[(int64_t)p * MR + r] = src[p];
      }
    }
    dst += (int64_t)kc * MR;
  }
}

/** Packs B[p0…p0+kc, j0…j0+nc] as ⌈nc/NR⌉ slivers of kc×NR (zero-padded columns). */
template <int NR>
void packB(const Call& g, int j0, int nc, int p0, int kc, float* dst) {
  for (int jr = 0; jr < nc; jr += NR) {
    const int nr = std::min(NR, nc - jr);
    const float* src = g.b + (int64_t)p0 * g.ldb + j0 + jr;
    if (nr == NR) {
      for (int p = 0; p < kc; p++) std::memcpy(dst + (int64_t)p * NR, src + (int64_t)p * g.ldb, NR * sizeof(float));
    } else {
      for (int p = 0; p < kc; p++) {
        float* out = dst + (int64_t)p * NR;
        std::memcpy(out, src + (int64_t)p * g.ldb, nr * sizeof(float));
        std::fill(out + nr, out + NR, 0.0f);
      }
    }
    dst += (int64_t)kc * NR;
  }
}

using Micro = void (*)(int kc, const float* a, const float* b, float* c, int64_t ldc);

/** Per-thread pack buffers (aligned for the widest vector load). */
struct Scratch {
  std::vector<float> a, b;
  float* alignedA(size_t n) { return grow(a, n); }
  float* alignedB(size_t n) { return grow(b, n); }
  static float* grow(std::vector<float>& v, size_t n) {
    if (v.size() < n + 16) v.resize(n + 16);
    auto p = reinterpret_cast<uintptr_t>(v.data());
    return reinterpret_cast<float*>((p + 63) & ~uintptr_t(63));
  }
};

/** C += op(A)·B for the call (C already zeroed when not accumulating), on this thread. */
template <int MR, int NR>
void blocked(const Call& g, Micro micro, Scratch& s) {
  // Pack buffers sized to this call (a narrow column chunk needs a fraction of NC·KC).
  const size_t kcMax = (size_t)std::min(KC, g.k);
  float* pa = g.packedA ? nullptr : s.alignedA((size_t)std::min(MC, (g.m + MR - 1) / MR * MR) * kcMax);
  const int64_t rowSlivers = (g.m + MR - 1) / MR;
  float* pb = g.packedB ? nullptr : s.alignedB((size_t)std::min(NC, (g.n + NR - 1) / NR * NR) * kcMax);
  const int64_t slivers = (g.packedN + NR - 1) / NR;
  alignas(64) float tile[MR * NR];
  for (int p0 = 0; p0 < g.k; p0 += KC) {
    const int kc = std::min(KC, g.k - p0);
    for (int j0 = 0; j0 < g.n; j0 += NC) {
      const int nc = std::min(NC, g.n - j0);
      if (g.packedB) pb = const_cast<float*>(g.packedB) + (int64_t)p0 * slivers * NR + (int64_t)(g.sliver0 + j0 / NR) * kc * NR;
      else packB<NR>(g, j0, nc, p0, kc, pb);
      for (int i0 = 0; i0 < g.m; i0 += MC) {
        const int mc = std::min(MC, g.m - i0);
        if (g.packedA) pa = const_cast<float*>(g.packedA) + (int64_t)p0 * rowSlivers * MR + (int64_t)(i0 / MR) * kc * MR;
        else packA<MR>(g, i0, mc, p0, kc, pa);
        for (int jr = 0; jr < nc; jr += NR) {
          const int nr = std::min(NR, nc - jr);
          const float* bs = pb + (int64_t)(jr / NR) * kc * NR;
          for (int ir = 0; ir < mc; ir += MR) {
            const int mr = std::min(MR, mc - ir);
            const float* as = pa + (int64_t)(ir / MR) * kc * MR;
            float* c = g.c + (int64_t)(i0 + ir) * g.ldc + j0 + jr;
            if (mr == MR && nr == NR) {
              micro(kc, as, bs, c, g.ldc);
              continue;
            }
            for (int r = 0; r < MR; r++)
              for (int q = 0; q < NR; q++) tile[r * NR + q] = (r < mr && q < nr) ? c[(int64_t)r * g.ldc + q] : 0.0f;
            micro(kc, as, bs, tile, NR);
            for (int r = 0; r < mr; r++) std::memcpy(c + (int64_t)r * g.ldc, tile + r * NR, nr * sizeof(float));
          }
        }
      }
    }
  }
}

/** Packs all of op(A) (every KC block, every sliver) to `dst`, the layout `Call::packedA` reads. */
template <int MR>
void packWholeA(const Call& g, float* dst) {
  const int64_t slivers = (g.m + MR - 1) / MR;
  for (int p0 = 0; p0 < g.k; p0 += KC) packA<MR>(g, 0, g.m, p0, std::min(KC, g.k - p0), dst + (int64_t)p0 * slivers * MR);
}

/** Packs all of B (every KC block, every sliver) to `dst`, the layout `Call::packedB` reads. */
template <int NR>
void packWhole(const Call& g, float* dst) {
  const int64_t slivers = (g.n + NR - 1) / NR;
  for (int p0 = 0; p0 < g.k; p0 += KC) packB<NR>(g, 0, g.n, p0, std::min(KC, g.k - p0), dst + (int64_t)p0 * slivers * NR);
}

#ifdef RNNKIT_X86
// Few rows (m ≤ SMALL_M, e.g. streaming one sequence): no packing; per row of C, blocks of
// columns stay in registers while the rows of B stream past. Each element is the same FMA chain
// over p as in the tiled path, so the two agree bit for bit.
constexpr int SMALL_M = 4;

__attribute__((target("avx512f"))) void smallAvx512(const Call& g) {
  for (int i = 0; i < g.m; i++) {
    float* c = g.c + (int64_t)i * g.ldc;
    const float* a = g.transA ? g.a + i : g.a + (int64_t)i * g.lda;
    const int64_t ap = g.transA ? g.lda : 1;
    int j = 0;
    for (; j + 64 <= g.n; j += 64) {
      __m512 c0 = _mm512_loadu_ps(c + j), c1 = _mm512_loadu_ps(c + j + 16), c2 = _mm512_loadu_ps(c + j + 32), c3 = _mm512_loadu_ps(c + j + 48);
      const float* b = g.b + j;
      for (int p = 0; p < g.k; p++, b += g.ldb) {
        const __m512 x = _mm512_set1_ps(a[p * ap]);
        c0 = _mm512_fmadd_ps(x, _mm512_loadu_ps(b), c0);
        c1 = _mm512_fmadd_ps(x, _mm512_loadu_ps(b + 16), c1);
        c2 = _mm512_fmadd_ps(x, _mm512_loadu_ps(b + 32), c2);
        c3 = _mm512_fmadd_ps(x, _mm512_loadu_ps(b + 48), c3);
      }
      _mm512_storeu_ps(c + j, c0);
      _mm512_storeu_ps(c + j + 16, c1);
      _mm512_storeu_ps(c + j + 32, c2);
      _mm512_storeu_ps(c + j + 48, c3);
    }
    for (; j + 16 <= g.n; j += 16) {
      __m512 c0 = _mm512_loadu_ps(c + j);
      const float* b = g.b + j;
      for (int p = 0; p < g.k; p++, b += g.ldb) c0 = _mm512_fmadd_ps(_mm512_set1_ps(a[p * ap]), _mm512_loadu_ps(b), c0);
      _mm512_storeu_ps(c + j, c0);
    }
    if (j < g.n) {
      const __mmask16 mask = static_cast<__mmask16>((1u << (g.n - j)) - 1);
      __m512 c0 = _mm512_maskz_loadu_ps(mask, c + j);
      const float* b = g.b + j;
      for (int p = 0; p < g.k; p++, b += g.ldb) c0 = _mm512_fmadd_ps(_mm512_set1_ps(a[p * ap]), _mm512_maskz_loadu_ps(mask, b), c0);
      _mm512_mask_storeu_ps(c + j, mask, c0);
    }
  }
}

__attribute__((target("avx2,fma"))) void smallAvx2(const Call& g) {
  for (int i = 0; i < g.m; i++) {
    float* c = g.c + (int64_t)i * g.ldc;
    const float* a = g.transA ? g.a + i : g.a + (int64_t)i * g.lda;
    const int64_t ap = g.transA ? g.lda : 1;
    int j = 0;
    for (; j + 32 <= g.n; j += 32) {
      __m256 c0 = _mm256_loadu_ps(c + j), c1 = _mm256_loadu_ps(c + j + 8), c2 = _mm256_loadu_ps(c + j + 16), c3 = _mm256_loadu_ps(c + j + 24);
      const float* b = g.b + j;
      for (int p = 0; p < g.k; p++, b += g.ldb) {
        const __m256 x = _mm256_set1_ps(a[p * ap]);
        c0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(b), c0);
        c1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(b + 8), c1);
        c2 = _mm256_fmadd_ps(x, _mm256_loadu_ps(b + 16), c2);
        c3 = _mm256_fmadd_ps(x, _mm256_loadu_ps(b + 24), c3);
      }
      _mm256_storeu_ps(c + j, c0);
      _mm256_storeu_ps(c + j + 8, c1);
      _mm256_storeu_ps(c + j + 16, c2);
      _mm256_storeu_ps(c + j + 24, c3);
    }
    for (; j + 8 <= g.n; j += 8) {
      __m256 c0 = _mm256_loadu_ps(c + j);
      const float* b = g.b + j;
      for (int p = 0; p < g.k; p++, b += g.ldb) c0 = _mm256_fmadd_ps(_mm256_set1_ps(a[p * ap]), _mm256_loadu_ps(b), c0);
      _mm256_storeu_ps(c + j, c0);
    }
    for (; j < g.n; j++) {
      // One FMA per step (vfmadd with the target's fma), the same rounding as the vector lanes.
      __m128 acc = _mm_set_ss(c[j]);
      const float* b = g.b + j;
      for (int p = 0; p < g.k; p++, b += g.ldb) acc = _mm_fmadd_ss(_mm_set_ss(a[p * ap]), _mm_set_ss(*b), acc);
      c[j] = _mm_cvtss_f32(acc);
    }
  }
}

// AVX2 + FMA: 6×16 tile, 12 ymm accumulators.
constexpr int MR2 = 6;
constexpr int NR2 = 16;
__attribute__((target("avx2,fma"))) void microAvx2(int kc, const float* a, const float* b, float* c, int64_t ldc) {
  __m256 acc[MR2][2];
  for (int r = 0; r < MR2; r++) {
    acc[r][0] = _mm256_loadu_ps(c + r * ldc);
    acc[r][1] = _mm256_loadu_ps(c + r * ldc + 8);
  }
  for (int p = 0; p < kc; p++) {
    const __m256 b0 = _mm256_load_ps(b);
    const __m256 b1 = _mm256_load_ps(b + 8);
#pragma GCC unroll 6
    for (int r = 0; r < MR2; r++) {
      const __m256 x = _mm256_broadcast_ss(a + r);
      acc[r][0] = _mm256_fmadd_ps(x, b0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(x, b1, acc[r][1]);
    }
    a += MR2;
    b += NR2;
  }
  for (int r = 0; r < MR2; r++) {
    _mm256_storeu_ps(c + r * ldc, acc[r][0]);
    _mm256_storeu_ps(c + r * ldc + 8, acc[r][1]);
  }
}

// AVX-512F: 8×32 tile, 16 zmm accumulators.
constexpr int MR5 = 8;
constexpr int NR5 = 32;
__attribute__((target("avx512f"))) void microAvx512(int kc, const float* a, const float* b, float* c, int64_t ldc) {
  __m512 acc[MR5][2];
  for (int r = 0; r < MR5; r++) {
    acc[r][0] = _mm512_loadu_ps(c + r * ldc);
    acc[r][1] = _mm512_loadu_ps(c + r * ldc + 16);
  }
  for (int p = 0; p < kc; p++) {
    const __m512 b0 = _mm512_load_ps(b);
    const __m512 b1 = _mm512_load_ps(b + 16);
#pragma GCC unroll 8
    for (int r = 0; r < MR5; r++) {
      const __m512 x = _mm512_set1_ps(a[r]);
      acc[r][0] = _mm512_fmadd_ps(x, b0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(x, b1, acc[r][1]);
    }
    a += MR5;
    b += NR5;
  }
  for (int r = 0; r < MR5; r++) {
    _mm512_storeu_ps(c + r * ldc, acc[r][0]);
    _mm512_storeu_ps(c + r * ldc + 16, acc[r][1]);
  }
}
#endif

Isa detectIsa() {
#ifdef RNNKIT_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return Isa::Avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::Avx2;
#endif
  return Isa::None;
}

Isa isa = Isa::None;
Isa forcedIsa = Isa::None;  // None: the detected one

Isa activeIsa() { return forcedIsa == Isa::None ? isa : forcedIsa; }

int tileRows() { return activeIsa() == Isa::Avx512 ? 8 : 6; }
int tileCols() { return activeIsa() == Isa::Avx512 ? 32 : 16; }

thread_local Scratch scratch;

void gemmOnThread(const Call& g, Scratch& s = scratch) {
  if (g.m <= 0 || g.n <= 0 || g.k <= 0) return;
#ifdef RNNKIT_X86
  const bool small = g.m <= SMALL_M;
  if (activeIsa() == Isa::Avx512) return small ? smallAvx512(g) : blocked<MR5, NR5>(g, microAvx512, s);
  if (activeIsa() == Isa::Avx2) return small ? smallAvx2(g) : blocked<MR2, NR2>(g, microAvx2, s);
#else
  (void)s;
#endif
}

// ---------------------------------------------------------------------------------------------
// Packed-B cache. A caller that promises B will not change (`key` ≠ 0, fresh for every promise:
// rnnkit pins a layer's recurrent kernel for the steps of one sequence) has B packed once and
// reused by every per-step multiply of that sequence. Per JS thread, a few entries, least
// recently used replaced.

struct Packed {
  uint64_t key = 0, used = 0;
  const float* b = nullptr;
  int k = 0, n = 0;
  int64_t ldb = 0;
  Isa isa = Isa::None;
  std::vector<float> data;
};
constexpr int CACHE_ENTRIES = 4;
constexpr int64_t CACHE_MAX_FLOATS = int64_t(1) << 24;  // 64 MB per entry
thread_local Packed cache[CACHE_ENTRIES];
thread_local uint64_t cacheClock = 0;

/** The packed copy of the call's B under `key`, packing it on a miss; null when not worth caching. */
const float* packedFor(const Call& g, uint64_t key) {
#ifdef RNNKIT_X86
  if (key == 0 || g.m <= SMALL_M || activeIsa() == Isa::None) return nullptr;
  const int nr = tileCols();
  const int64_t floats = int64_t((g.k + KC - 1) / KC) * KC * ((g.n + nr - 1) / nr) * nr;
  if (floats > CACHE_MAX_FLOATS) return nullptr;
  Packed* slot = &cache[0];
  for (auto& e : cache) {
    if (e.key == key && e.b == g.b && e.k == g.k && e.n == g.n && e.ldb == g.ldb && e.isa == activeIsa()) {
      e.used = ++cacheClock;
      return Scratch::grow(e.data, 0);
    }
    if (e.used < slot->used) slot = &e;
  }
  *slot = Packed{key, ++cacheClock, g.b, g.k, g.n, g.ldb, activeIsa(), std::move(slot->data)};
  float* dst = Scratch::grow(slot->data, static_cast<size_t>(floats));
  if (activeIsa() == Isa::Avx512) packWhole<NR5>(g, dst);
  else packWhole<NR2>(g, dst);
  return dst;
#else
  (void)g;
  (void)key;
  return nullptr;
#endif
}

// ---------------------------------------------------------------------------------------------
// The thread pool. A split multiply is cut into chunks (whole tiles of columns of C, or of rows
// when C is narrow); each thread owns an equal run of chunks and claims them one at a time from
// its own counter, then helps with the others' unclaimed ones. A worker that wakes late (the OS
// was slow to run it) finds its chunks taken by the caller, so the caller never waits on a
// sleeping thread for more than one chunk. Which thread computes a chunk does not change its
// arithmetic, so results stay bit-identical.

class Pool {
 public:
  ~Pool() { resize(1); }

  /** Held by the JS thread whose multiply the pool runs; another JS thread (a Node worker) runs alone. */
  std::mutex busy;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  void resize(int threads) {
    threads = std::max(1, std::min(MAX_THREADS, threads));
    std::lock_guard<std::mutex> running(busy);  // not while another JS thread's multiply runs
    if (threads == this->threads()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_.store(true);
      generation_.fetch_add(1);
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
    stop_.store(false);
    for (int t = 1; t < threads; t++) workers_.emplace_back([this, t] { loop(t); });
  }

  /** Runs `chunks` chunks of `job` on the caller and whichever workers join; returns when all are done. */
  void run(const Call& job, bool byCols, int tiles, int chunks) {
    job_ = job;
    byCols_ = byCols;
    tiles_ = tiles;
    chunks_ = chunks;
    done_.store(0, std::memory_order_relaxed);
    const int participants = threads();
    const uint64_t gen = generation_.load(std::memory_order_relaxed) + 1;
    // Thread t's own chunks are [chunks·t/P, chunks·(t+1)/P): the same columns every call, so a
    // packed kernel's part stays in that core's cache across a sequence's steps.
    for (int t = 0; t < MAX_THREADS; t++) {
      const int start = t < participants ? chunks * t / participants : 0, end = t < participants ? chunks * (t + 1) / participants : 0;
      tickets_[t].store(ticketOf(gen, end, start), std::memory_order_release);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      generation_.store(gen, std::memory_order_release);
    }
    if (sleepers_.load(std::memory_order_acquire) > 0) wake_.notify_all();
    work(gen, 0);
    for (int spin = 0; done_.load(std::memory_order_acquire) != chunks; spin++) {
      if (spin > 100000) std::this_thread::yield();
#ifdef RNNKIT_X86
      else _mm_pause();
#endif
    }
  }

 private:
  /** A claim ticket: the job's generation, the owner's end chunk and its next unclaimed chunk, in one atomic word. */
  static uint64_t ticketOf(uint64_t gen, int end, int next) { return (gen << 32) | (uint64_t(end) << 16) | uint64_t(next); }

  /**
   * Claims and computes chunks of job `gen`: thread `self`'s own first, then the others' that
   * are still unclaimed (a late thread's). Generation, end and next live in one atomic word, so
   * a claim that succeeds is a chunk of this very job, which is therefore still running.
   */
  void work(uint64_t gen, int self) {
    const int participants = threads();
    for (int o = 0; o < participants; o++) {
      std::atomic<uint64_t>& ticket = tickets_[(self + o) % participants];
      uint64_t v = ticket.load(std::memory_order_acquire);
      for (;;) {
        if ((v >> 32) != gen) return;  // a later job: this one is over
        const int end = static_cast<int>((v >> 16) & 0xffff), next = static_cast<int>(v & 0xffff);
        if (next >= end) break;
        if (!ticket.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel, std::memory_order_acquire)) continue;
        gemmOnThread(part(next));
        done_.fetch_add(1, std::memory_order_acq_rel);
        v = ticket.load(std::memory_order_acquire);
      }
    }
  }

  Call part(int chunk) const {
    const int t0 = static_cast<int>(int64_t(tiles_) * chunk / chunks_), t1 = static_cast<int>(int64_t(tiles_) * (chunk + 1) / chunks_);
    Call p = job_;
    if (byCols_) {
      const int nr = tileCols(), j0 = t0 * nr, j1 = std::min(job_.n, t1 * nr);
      p.b = job_.b + j0;
      p.c = job_.c + j0;
      p.n = j1 - j0;
      p.sliver0 = job_.sliver0 + t0;
    } else {
      const int mr = tileRows(), i0 = t0 * mr, i1 = std::min(job_.m, t1 * mr);
      p.a = job_.transA ? job_.a + i0 : job_.a + (int64_t)i0 * job_.lda;
      p.c = job_.c + (int64_t)i0 * job_.ldc;
      p.m = i1 - i0;
    }
    return p;
  }

  void loop(int self) {
    uint64_t seen = generation_.load();
    for (;;) {
      // Spin for the next job a while (SPIN_US), then sleep.
      const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(SPIN_US);
      for (int spin = 0;; spin++) {
        if (generation_.load(std::memory_order_acquire) != seen || stop_.load(std::memory_order_acquire)) break;
        if ((spin & 255) == 0 && std::chrono::steady_clock::now() > until) break;
#ifdef RNNKIT_X86
        _mm_pause();
#endif
      }
      {
        std::unique_lock<std::mutex> lock(mutex_);
        sleepers_.fetch_add(1);
        wake_.wait(lock, [&] { return stop_.load() || generation_.load() != seen; });
        sleepers_.fetch_sub(1);
        if (stop_.load()) return;
        seen = generation_.load();
      }
      work(seen, self);
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<bool> stop_{false};
  std::atomic<int> sleepers_{0};
  /** Per thread: ticketOf(generation, end, next) over its own chunks. */
  std::atomic<uint64_t> tickets_[MAX_THREADS] = {};
  std::atomic<int> done_{0};
  Call job_{};
  bool byCols_ = true;
  int tiles_ = 0, chunks_ = 0;
};

Pool* pool = nullptr;
int64_t minSplitMacs = int64_t(1) << 20;

void gemm(Call g, bool accumulate, uint64_t key) {
  g.packedB = packedFor(g, key);
  g.packedN = g.n;
  g.sliver0 = 0;
  if (!accumulate)
    for (int i = 0; i < g.m; i++) std::fill(g.c + (int64_t)i * g.ldc, g.c + (int64_t)i * g.ldc + g.n, 0.0f);
  const int threads = pool->threads();
  const int64_t macs = int64_t(g.m) * g.n * g.k;
  if (threads == 1 || macs < minSplitMacs) return gemmOnThread(g);
  std::unique_lock<std::mutex> hold(pool->busy, std::try_to_lock);
  if (!hold.owns_lock()) return gemmOnThread(g);
  // Chunks of whole tiles: columns of C when C is wide enough, else rows.
  const int nr = tileCols(), mr = tileRows();
  const int colTiles = (g.n + nr - 1) / nr, rowTiles = (g.m + mr - 1) / mr;
  const bool byCols = colTiles >= threads * 2 || colTiles >= rowTiles;
  const int tiles = byCols ? colTiles : rowTiles;
  // Column chunks share one packing of op(A) when it is small; a large op(A) (a weight gradient's
  // Hᵀ) is packed by each chunk instead, in as few chunks as there are threads, which keeps the
  // memory a step needs down by its size.
  const bool shareA = byCols && g.m > SMALL_M && int64_t(g.m) * g.k <= SHARED_A_MAX_FLOATS;
  const int chunks = std::min(tiles, byCols && !shareA ? threads : threads * 2);
  if (chunks < 2) return gemmOnThread(g);
  if (shareA) {
    // Every column chunk reads all of op(A): pack it once here instead of once per chunk.
    static thread_local std::vector<float> sharedA;
    const size_t floats = (size_t)((g.k + KC - 1) / KC) * KC * ((g.m + mr - 1) / mr) * mr;
    float* dst = Scratch::grow(sharedA, floats);
    if (activeIsa() == Isa::Avx512) packWholeA<MR5>(g, dst);
    else packWholeA<MR2>(g, dst);
    g.packedA = dst;
  }
  pool->run(g, byCols, tiles, chunks);
}

// ---------------------------------------------------------------------------------------------
// Node-API glue.

napi_value throwRange(napi_env env, const char* message) {
  napi_throw_range_error(env, "ERR_RNNKIT_NATIVE", message);
  return nullptr;
}

/**
 * gemm(heap: Float32Array, transA, m, n, k, a, lda, b, ldb, c, ldc, accumulate, key): byte offsets
 * into heap; key ≠ 0 promises B is unchanged since the last call with the same key (packed-B cache).
 */
napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 13) return throwRange(env, "gemm: expected 13 arguments");
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  if (napi_get_typedarray_info(env, argv[0], &type, &length, &data, nullptr, nullptr) != napi_ok || type != napi_float32_array)
    return throwRange(env, "gemm: heap must be a Float32Array");
  int64_t v[12];
  for (int i = 0; i < 12; i++)
    if (napi_get_value_int64(env, argv[i + 1], &v[i]) != napi_ok) return throwRange(env, "gemm: arguments must be numbers");
  const int64_t transA = v[0], m = v[1], n = v[2], k = v[3], a = v[4], lda = v[5], b = v[6], ldb = v[7], c = v[8], ldc = v[9];
  const bool accumulate = v[10] != 0;
  if (m < 0 || n < 0 || k < 0 || m > INT32_MAX || n > INT32_MAX || k > INT32_MAX) return throwRange(env, "gemm: bad sizes");
  if ((a | b | c) & 3 || a < 0 || b < 0 || c < 0) return throwRange(env, "gemm: offsets must be non-negative multiples of 4");
  if (m == 0 || n == 0) return nullptr;
  const int64_t len = static_cast<int64_t>(length);
  const int64_t rowsA = transA ? k : m, colsA = transA ? m : k;
  const auto fits = [len](int64_t offset, int64_t rows, int64_t cols, int64_t ld) {
    if (rows == 0 || cols == 0) return true;
    return ld >= cols && offset / 4 + (rows - 1) * ld + cols <= len;
  };
  if (!fits(a, rowsA, colsA, lda) || !fits(b, k, n, ldb) || !fits(c, m, n, ldc))
    return throwRange(env, "gemm: an operand lies outside the heap (or a leading dimension is short)");
  float* heap = static_cast<float*>(data);
  Call g{static_cast<int>(transA), static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), heap + a / 4, lda, heap + b / 4, ldb, heap + c / 4, ldc, nullptr, 0, 0, nullptr};
  gemm(g, accumulate, static_cast<uint64_t>(std::max<int64_t>(0, v[11])));
  return nullptr;
}

napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int32_t threads = 1;
  int64_t minMacs = minSplitMacs;
  if (argc < 1 || napi_get_value_int32(env, argv[0], &threads) != napi_ok) return throwRange(env, "setThreads: threads must be a number");
  if (argc >= 2 && napi_get_value_int64(env, argv[1], &minMacs) != napi_ok) return throwRange(env, "setThreads: minMacs must be a number");
  pool->resize(threads);
  minSplitMacs = std::max<int64_t>(0, minMacs);
  napi_value out;
  napi_create_int32(env, pool->threads(), &out);
  return out;
}

/** forget(key): drops this JS thread's packed copies of B made under `key` (the pin is over). */
napi_value Forget(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int64_t key = 0;
  if (argc < 1 || napi_get_value_int64(env, argv[0], &key) != napi_ok) return throwRange(env, "forget: key must be a number");
  for (auto& e : cache)
    if (e.key == static_cast<uint64_t>(key)) e = Packed{};  // frees the packing
  return nullptr;
}

/** threads(): native threads a large multiply is split over (the caller included). */
napi_value Threads(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_int32(env, pool->threads(), &out);
  return out;
}

const char* isaName(Isa value) {
  return value == Isa::Avx512 ? "avx512" : value == Isa::Avx2 ? "avx2" : "none";
}

/** isa(): the micro-kernel in use ("avx512", "avx2" or "none"). */
napi_value GetIsa(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_string_utf8(env, isaName(activeIsa()), NAPI_AUTO_LENGTH, &out);
  return out;
}

/** useIsa(name): restricts the micro-kernel to "avx2" (for tests) or back to the detected one ("auto"); returns the one in use. */
napi_value UseIsa(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  char name[16] = {0};
  size_t got = 0;
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name, &got) != napi_ok) return throwRange(env, "useIsa: expected a name");
  const std::string wanted(name, got);
  if (wanted == "auto") forcedIsa = Isa::None;
  else if (wanted == "avx2" && isa != Isa::None) forcedIsa = Isa::Avx2;
  else return throwRange(env, "useIsa: expected 'auto' or 'avx2' (on a CPU with AVX2)");
  return GetIsa(env, info);
}

napi_value Init(napi_env env, napi_value exports) {
  if (!pool) {
    isa = detectIsa();
    pool = new Pool();  // lives as long as the process (worker threads loading the addon share it)
  }
  napi_property_descriptor props[] = {
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setThreads", nullptr, SetThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"threads", nullptr, Threads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"forget", nullptr, Forget, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"isa", nullptr, GetIsa, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"useIsa", nullptr, UseIsa, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
