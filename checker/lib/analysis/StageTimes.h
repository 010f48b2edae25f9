//===- StageTimes.h - wall time per stage (--time-stages) -------*- C++ -*-===//
//
// The hidden option --time-stages prints, per file, the wall time of each
// stage of its analysis (every parse of --standalone's healing rounds, the
// coverage and relevance decisions, the path-sensitive analysis, the
// whole-file passes of the barrier, callback and atomic-context checkers),
// and for the run the time before main(), the set-up and the report, like
// clang's -ftime-report. Off, a stage costs one thread-local load.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_STAGETIMES_H
#define UTRACE_CHECK_STAGETIMES_H

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace utrace {

/// Milliseconds per stage, in the order the stages first ran; a stage that
/// runs again (a parse per round is named apart) adds to its total.
struct StageTimes {
  std::vector<std::pair<std::string, double>> Ms;
  void add(const std::string &Stage, double Millis);
  /// Adds the time since the last lap (or reset) to Stage.
  void lap(const std::string &Stage);
  void reset() { Mark = std::chrono::steady_clock::now(); }
  std::chrono::steady_clock::time_point Mark = std::chrono::steady_clock::now();
  /// "parse 1 41.0 ms, analysis 120.3 ms, ..."
  std::string str() const;

  /// The times of the file being analysed on this thread (null: off).
  static StageTimes *&current();
};

/// Adds the wall time of its scope to the current file's Stage.
class StageTimer {
public:
  explicit StageTimer(const char *Stage)
      : Times(StageTimes::current()), Stage(Stage) {
    if (Times)
      Start = std::chrono::steady_clock::now();
  }
  ~StageTimer() { stop(); }
  void stop() {
    if (!Times)
      return;
    Times->add(Stage, std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - Start)
                          .count());
    Times = nullptr;
  }

private:
  StageTimes *Times;
  const char *Stage;
  std::chrono::steady_clock::time_point Start;
};

/// Milliseconds from the process's exec to now (from /proc, 10 ms steps;
/// -1 where /proc is not there): what loading the shared libraries and
/// running static constructors cost before main().
double msSinceProcessStart();

} // namespace utrace

#endif
