#pragma once

/// Every command of `migrate` as a function of the engine (docs/library.md, "Every command as
/// a function"). Each takes a Project (project.h) and a small request, and returns a result
/// struct; the CLI only parses options, calls one of these, and prints the result. Errors
/// are the typed exceptions of orm/error.h and migrations_engine/errors.h, each carrying the
/// CLI's exit code; differences found by check() and diff() are results, not errors.
///
///   init_project, list_templates   init.h
///   revision, merge                revisions.h
///   upgrade, downgrade, stamp      run.h
///   current, history, heads        status.h
///   check, diff                    check.h
///   reflect, inspect, create_all, drop_all   schema.h

#include "migrations_engine/api/check.h"
#include "migrations_engine/api/init.h"
#include "migrations_engine/api/project.h"
#include "migrations_engine/api/revisions.h"
#include "migrations_engine/api/run.h"
#include "migrations_engine/api/schema.h"
#include "migrations_engine/api/status.h"
