// The helper threads behind run_workers (parallel.hpp).
#include "evaluate/parallel.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <new>
#include <thread>
#include <utility>

#include <pthread.h>

namespace mandate::detail {
namespace {

/// Set while a thread does a worker's share: a loop inside it gets threads
/// of its own rather than waiting for the helpers it is part of.
thread_local bool inside_work = false;

void run_share(const std::function<void(unsigned)>& work, unsigned w) {
  const bool outer = std::exchange(inside_work, true);  // shares nest
  try {
    work(w);
  } catch (...) {
    inside_work = outer;
    throw;
  }
  inside_work = outer;
}

/// Runs `work(w)` on new threads for w ≥ 1, and w = 0 here.
void run_on_new_threads(unsigned workers, const std::function<void(unsigned)>& work) {
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto guarded = [&](unsigned w) {
    try {
      run_share(work, w);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> threads;
    threads.reserve(workers - 1);
    for (unsigned w = 1; w < workers; ++w) threads.emplace_back(guarded, w);
    guarded(0);
  }
  if (failure) std::rethrow_exception(failure);
}

/// Lets the allocator tidy this thread's arena now. glibc keeps small blocks
/// that other threads free (the host freeing a report, say) in the arena's
/// fast bins, and merges them all at the arena's next large request: for a
/// national report, some 60 ms that would otherwise fall inside a task. Any
/// request of 1 KiB or more does it; `volatile` keeps the pair from being
/// optimised away. With other allocators this is a small allocation.
void tidy_allocator() {
  void* volatile block = std::malloc(4096);
  std::free(block);
}

/// The kept helpers. One run at a time. A run tells the helpers a new
/// generation; a helper tidies its allocator first and then joins the run if
/// it is still open, so that the caller, which starts at once, does all the
/// work alone if it has to rather than wait.
class Helpers {
 public:
  Helpers() {
    instance = this;
    // Registered once: there is one Helpers for the process.
    pthread_atfork(&before_fork, &after_fork_in_parent, &after_fork_in_child);
  }
  Helpers(const Helpers&) = delete;
  Helpers& operator=(const Helpers&) = delete;
  ~Helpers() {
    {
      const std::lock_guard lock(running_);
      instance = nullptr;
    }
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    threads_.clear();  // joins
  }

  void run(unsigned workers, const std::function<void(unsigned)>& work) {
    std::unique_lock running(running_, std::defer_lock);
    if (inside_work || !running.try_lock()) {
      run_on_new_threads(workers, work);  // the helpers are busy
      return;
    }
    while (threads_.size() + 1 < workers) {
      const auto index = static_cast<unsigned>(threads_.size() + 1);
      threads_.emplace_back([this, index] { serve(index); });
    }
    {
      const std::lock_guard lock(mutex_);
      work_ = &work;
      workers_ = workers;
      open_ = true;
      joined_ = 0;
      failure_ = nullptr;
      ++generation_;
    }
    wake_.notify_all();
    std::exception_ptr failure;
    try {
      run_share(work, 0);
    } catch (...) {
      failure = std::current_exception();
    }
    std::unique_lock lock(mutex_);
    open_ = false;  // a helper that comes later skips this run
    done_.wait(lock, [this] { return joined_ == 0; });
    work_ = nullptr;
    if (!failure) failure = failure_;
    lock.unlock();
    if (failure) std::rethrow_exception(failure);
  }

 private:
  // fork (docs/embedding.md, "Threads"): the parent waits for a run in
  // progress to end and holds both locks across the fork, so the child gets
  // them unlocked and the helpers idle. The child has none of the helper
  // threads: it forgets them (joining them at exit would wait forever) and
  // starts its own when it needs them. Its condition variables may count
  // waiters that are not there, so they are made anew.
  static void before_fork() {
    if (!instance) return;
    instance->running_.lock();
    instance->mutex_.lock();
  }
  static void after_fork_in_parent() {
    if (!instance) return;
    instance->mutex_.unlock();
    instance->running_.unlock();
  }
  static void after_fork_in_child() {
    if (!instance) return;
    Helpers& self = *instance;
    // Kept where a leak checker sees them, and never destroyed.
    abandoned = new std::vector<std::jthread>(std::move(self.threads_));
    self.threads_.clear();
    new (&self.wake_) std::condition_variable();
    new (&self.done_) std::condition_variable();
    self.work_ = nullptr;
    self.workers_ = 0;
    self.open_ = false;
    self.joined_ = 0;
    self.failure_ = nullptr;
    self.mutex_.unlock();
    self.running_.unlock();
  }
  static inline Helpers* instance = nullptr;
  static inline std::vector<std::jthread>* abandoned = nullptr;

  void serve(unsigned index) {
    std::uint64_t seen = 0;
    auto tidy_until = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    for (;;) {
      // For a while after a run, the host is likely to free what it got:
      // tidying every few milliseconds meanwhile keeps the merging off the
      // next run. Then the helper sleeps until it is needed.
      const auto called = [&] { return stopping_ || generation_ != seen; };
      while (!called() && std::chrono::steady_clock::now() < tidy_until) {
        if (wake_.wait_for(lock, tidy_interval, called)) break;
        lock.unlock();
        tidy_allocator();
        lock.lock();
      }
      wake_.wait(lock, called);
      if (stopping_) return;
      seen = generation_;
      if (index >= workers_) continue;  // not needed this time
      lock.unlock();
      tidy_allocator();
      lock.lock();
      if (generation_ != seen || !open_) continue;  // over already, or another one
      ++joined_;
      const std::function<void(unsigned)>* work = work_;
      lock.unlock();
      std::exception_ptr failure;
      try {
        run_share(*work, index);
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (failure && !failure_) failure_ = failure;
      if (--joined_ == 0) done_.notify_one();
      tidy_until = std::chrono::steady_clock::now() + tidy_period;
    }
  }

  static constexpr std::chrono::milliseconds tidy_interval{5};
  static constexpr std::chrono::seconds tidy_period{2};

  std::mutex running_;  // held by the run in progress
  std::mutex mutex_;    // guards everything below
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(unsigned)>* work_ = nullptr;
  unsigned workers_ = 0;
  bool open_ = false;    // the caller has not finished its share yet
  unsigned joined_ = 0;  // helpers working on the current run
  std::uint64_t generation_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<std::jthread> threads_;  // last: joined first on destruction
};

}  // namespace

void run_workers(unsigned workers, const std::function<void(unsigned)>& work) {
  if (workers <= 1) {
    if (workers == 1) work(0);
    return;
  }
  static Helpers helpers;
  helpers.run(workers, work);
}

}  // namespace mandate::detail
