//===- RcuPointers.h - RCU-protected pointer locations ----------*- C++ -*-===//
//
// UT-RCU-006's model, shared by utrace.Rcu and the scope relevance: which
// locations of a translation unit hold RCU-protected pointers, and which
// loads of them are plain (sparse's __rcu address-space check, statically).
//
// A location is a variable or a structure field (an array of pointers
// counts as one location) of the checked program: declared in its own files
// (the main file and what it includes with quotes), not in the kernel's
// headers (reached through `#include <...>`) nor a system header. The
// kernel's own __rcu fields (task_struct->sighand, ->real_parent) follow the
// kernel's locking rules (tasklist_lock, siglock, `current`), which this
// rule does not model. It is RCU-protected when
//  - it is declared __rcu: the pointee type carries the `rcu` type tag
//    (`__attribute__((btf_type_tag("rcu")))`, the simulator's __rcu and a
//    BTF kernel's), or `__rcu` is written in its declaration (real headers
//    whose __rcu expands to nothing); or
//  - it is the target of an rcu_assign_pointer()-style macro (the
//    `rcu_assign_macros` setting) written in the program's own files.
// Only functions defined in the program's own files are judged.
//
// A load is plain unless it is
//  - written inside an accessor macro (`rcu_accessor_macros`:
//    rcu_dereference*(), rcu_access_pointer(), the assign macros...);
//  - only a truth value: `!p`, `p == NULL`, `p != NULL`, `if (p)`, `p &&`
//    (the pointer is not followed, so no object is used);
//  - for a location known only from rcu_assign_pointer(), made by a function
//    that itself assigns the location with those macros: the update side,
//    which RCU serialises by the updater's own exclusion (a lock, or the
//    single-threaded init and exit paths) that is not modelled here. A
//    variable or field declared __rcu gets no such allowance: the update
//    side reads it with rcu_dereference_protected(), as sparse demands. A
//    pointer reached through an __rcu cast (hlist_next_rcu()) does, when
//    the function publishes a pointer of its type: a list primitive's
//    update side, which the kernel's own primitives write plainly.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_RCUPOINTERS_H
#define UTRACE_CHECK_RCUPOINTERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>

namespace utrace {

/// One plain load of an RCU-protected location.
struct PlainRcuLoad {
  const clang::Expr *Load;       ///< the loaded lvalue
  const clang::ValueDecl *Where; ///< the variable or field, when known
  bool Declared;                 ///< declared __rcu (else: only assigned)
};

class RcuPointers {
public:
  /// Reads the translation unit's rcu_assign_pointer() targets.
  explicit RcuPointers(clang::ASTContext &Ctx);

  /// The plain loads of RCU-protected locations in FD's body, in order.
  void forEachPlainLoad(const clang::FunctionDecl *FD,
                        llvm::function_ref<void(const PlainRcuLoad &)> Fn) const;
  /// True when FD's body has at least one plain load.
  bool hasPlainLoad(const clang::FunctionDecl *FD) const;

  /// "'contexts[]'", "'ctx->cur'", or "" when the load names no location.
  static std::string describe(const PlainRcuLoad &L);

private:
  bool declaredRcu(const clang::Expr *LValue,
                   const clang::ValueDecl *Where) const;
  bool spelledRcu(const clang::ValueDecl *D) const;
  /// True for a location in the checked program's own files: the main
  /// file and what it includes with `#include "..."`, not a system header
  /// nor anything reached through `#include <...>` (the kernel's headers).
  bool ownCode(clang::SourceLocation L) const;

  clang::ASTContext &Ctx;
  /// Locations assigned with the assign macros, and the functions doing it.
  llvm::DenseMap<const clang::ValueDecl *,
                 llvm::DenseSet<const clang::FunctionDecl *>>
      Assigned;
  /// Per function, the (canonical) types of the locations it assigns.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::DenseSet<const clang::Type *>>
      AssignedTypes;
  mutable llvm::DenseMap<const clang::ValueDecl *, bool> Spelled;
  mutable llvm::DenseMap<clang::FileID, bool> Own;
};

/// The variable or field an lvalue names: `v`, `v[i]`, `p->f`, `p->f[i]`,
/// `s.f`; null for anything else (`*p`, a call's result).
const clang::ValueDecl *rcuLocationOf(const clang::Expr *LValue);

/// True when one of the macros expanding at L (innermost to outermost) is
/// named in the comma-separated ApiModel setting Key.
bool expandedInMacroOf(clang::SourceLocation L, llvm::StringRef Key,
                       const clang::ASTContext &Ctx);

} // namespace utrace

#endif
