//===- StageTimes.cpp - wall time per stage (--time-stages) ---------------===//
#include "analysis/StageTimes.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <unistd.h>

namespace utrace {

void StageTimes::add(const std::string &Stage, double Millis) {
  for (auto &[Name, Total] : Ms)
    if (Name == Stage) {
      Total += Millis;
      return;
    }
  Ms.push_back({Stage, Millis});
}

void StageTimes::lap(const std::string &Stage) {
  auto Now = std::chrono::steady_clock::now();
  add(Stage, std::chrono::duration<double, std::milli>(Now - Mark).count());
  Mark = Now;
}

std::string StageTimes::str() const {
  std::string S;
  llvm::raw_string_ostream OS(S);
  for (size_t I = 0; I < Ms.size(); ++I)
    OS << (I ? ", " : "") << Ms[I].first << ' '
       << llvm::format("%.1f", Ms[I].second) << " ms";
  return S;
}

StageTimes *&StageTimes::current() {
  static thread_local StageTimes *Current = nullptr;
  return Current;
}

double msSinceProcessStart() {
  auto Stat = llvm::MemoryBuffer::getFileAsStream("/proc/self/stat");
  auto Up = llvm::MemoryBuffer::getFileAsStream("/proc/uptime");
  if (!Stat || !Up)
    return -1;
  // Field 22, start time in clock ticks after boot; the command name
  // (field 2) may hold spaces, so count from its closing parenthesis.
  llvm::StringRef S = (*Stat)->getBuffer();
  S = S.substr(S.rfind(')') + 1);
  llvm::SmallVector<llvm::StringRef, 24> F;
  S.split(F, ' ', -1, /*KeepEmpty=*/false);
  unsigned long long Ticks = 0;
  double Uptime = 0;
  if (F.size() < 20 || F[19].getAsInteger(10, Ticks) ||
      (*Up)->getBuffer().split(' ').first.getAsDouble(Uptime))
    return -1;
  long Hz = sysconf(_SC_CLK_TCK);
  return (Uptime - double(Ticks) / double(Hz > 0 ? Hz : 100)) * 1000.0;
}

} // namespace utrace
