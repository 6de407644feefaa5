// The helper threads behind run_workers (parallel.hpp).
#include "evaluate/parallel.hpp"

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>

namespace mandate::detail {
namespace {

/// Set while a thread does a worker's share: a loop inside it gets threads
/// of its own rather than waiting for the helpers it is part of.
thread_local bool inside_work = false;

void run_share(const std::function<void(unsigned)>& work, unsigned w) {
  inside_work = true;
  try {
    work(w);
  } catch (...) {
    inside_work = false;
    throw;
  }
  inside_work = false;
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

/// The kept helpers. One run at a time; a run tells the helpers a new
/// generation, and each helper with an index below the run's worker count
/// runs its share once.
class Helpers {
 public:
  Helpers() = default;
  Helpers(const Helpers&) = delete;
  Helpers& operator=(const Helpers&) = delete;
  ~Helpers() {
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
      pending_ = workers - 1;
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
    done_.wait(lock, [this] { return pending_ == 0; });
    work_ = nullptr;
    if (!failure) failure = failure_;
    lock.unlock();
    if (failure) std::rethrow_exception(failure);
  }

 private:
  void serve(unsigned index) {
    std::uint64_t seen = 0;
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      if (index >= workers_) continue;  // not needed this time
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
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::mutex running_;  // held by the run in progress
  std::mutex mutex_;    // guards everything below
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(unsigned)>* work_ = nullptr;
  unsigned workers_ = 0;
  unsigned pending_ = 0;
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
