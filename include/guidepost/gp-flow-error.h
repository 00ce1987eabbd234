/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_FLOW_ERROR (gp_flow_error_quark ())

/* Whole-file problems; per-field problems are GpDiagnostics (see gp-diagnostic.h). */
typedef enum {
  GP_FLOW_ERROR_UNREADABLE,  /* the file could not be read at all */
  GP_FLOW_ERROR_TOO_LARGE,   /* over GP_FLOW_MAX_BYTES */
  GP_FLOW_ERROR_NOT_UTF8,
  GP_FLOW_ERROR_EMPTY,
  GP_FLOW_ERROR_SYNTAX,      /* not strict JSON: message has file:line:column */
  GP_FLOW_ERROR_INVALID,     /* JSON, but not a valid flow: see the diagnostics */
} GpFlowError;

/* Big enough for a 5,000-step flow several times over; anything larger is refused
 * before parsing so that a hostile file cannot exhaust memory. */
#define GP_FLOW_MAX_BYTES (32 * 1024 * 1024)
/* A flow nests about six levels deep; 64 leaves room for x- extensions. */
#define GP_FLOW_MAX_DEPTH 64

GQuark gp_flow_error_quark (void);

G_END_DECLS
