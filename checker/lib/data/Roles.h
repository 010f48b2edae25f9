//===- Roles.h - the names of the API table's roles -------------*- C++ -*-===//
//
// Every Role (ApiModel.h) with the name rules/api/*.yaml gives it: the table
// parseRole() reads, and RoleBitsTest holds to one bit per role.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_ROLES_H
#define UTRACE_CHECK_ROLES_H

#include "data/ApiModel.h"
#include "llvm/ADT/ArrayRef.h"

namespace utrace {

/// A role as the YAML names it ("engine-acquire") and its bit.
struct RoleName {
  const char *Name;
  Role Bit;
};

/// Every role, one entry per bit.
llvm::ArrayRef<RoleName> roleNames();

} // namespace utrace

#endif
