/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-types.h>

G_BEGIN_DECLS

/* What a diagnostic is about; tests and tools match on these, never on messages. */
typedef enum {
  GP_DIAGNOSTIC_UNREADABLE,
  GP_DIAGNOSTIC_TOO_LARGE,
  GP_DIAGNOSTIC_NOT_UTF8,
  GP_DIAGNOSTIC_EMPTY,
  GP_DIAGNOSTIC_SYNTAX,
  GP_DIAGNOSTIC_TOO_DEEP,
  GP_DIAGNOSTIC_DUPLICATE_KEY,
  GP_DIAGNOSTIC_UNKNOWN_KEY,
  GP_DIAGNOSTIC_WRONG_TYPE,
  GP_DIAGNOSTIC_MISSING_KEY,
  GP_DIAGNOSTIC_BAD_VALUE,          /* right type, wrong value: slug, version, enum, range */
  GP_DIAGNOSTIC_KEY_NOT_ALLOWED,    /* a key that this step kind does not take */
  GP_DIAGNOSTIC_EMPTY_TEXT,         /* an empty instruction, why, title ... */
  GP_DIAGNOSTIC_DUPLICATE_ID,
  GP_DIAGNOSTIC_MISSING_REFERENCE,
  GP_DIAGNOSTIC_UNREACHABLE,
  GP_DIAGNOSTIC_NO_END,
  GP_DIAGNOSTIC_FEW_CHOICES,
  GP_DIAGNOSTIC_END_WITH_NEXT,
  GP_DIAGNOSTIC_RECOVERY_LOOP,
  /* warnings */
  GP_DIAGNOSTIC_NO_HINTS,
  GP_DIAGNOSTIC_NO_TARGET,
  GP_DIAGNOSTIC_NO_SYSTEM_FAILURE,
  GP_DIAGNOSTIC_NO_OFFER,
} GpDiagnosticCode;

#define GP_TYPE_DIAGNOSTIC (gp_diagnostic_get_type ())

G_DECLARE_FINAL_TYPE (GpDiagnostic, gp_diagnostic, GP, DIAGNOSTIC, GObject)

GpDiagnostic     *gp_diagnostic_new          (GpSeverity        severity,
                                              GpDiagnosticCode  code,
                                              const char       *file,
                                              const char       *pointer,
                                              guint             line,
                                              guint             column,
                                              const char       *message);
GpSeverity        gp_diagnostic_get_severity (GpDiagnostic     *self);
GpDiagnosticCode  gp_diagnostic_get_code     (GpDiagnostic     *self);
const char       *gp_diagnostic_get_file     (GpDiagnostic     *self);
const char       *gp_diagnostic_get_pointer  (GpDiagnostic     *self);
guint             gp_diagnostic_get_line     (GpDiagnostic     *self);
guint             gp_diagnostic_get_column   (GpDiagnostic     *self);
const char       *gp_diagnostic_get_message  (GpDiagnostic     *self);
char             *gp_diagnostic_to_string    (GpDiagnostic     *self);
const char       *gp_diagnostic_code_to_string (GpDiagnosticCode code);

G_END_DECLS
