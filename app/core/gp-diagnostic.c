/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <guidepost/gp-diagnostic.h>

struct _GpDiagnostic
{
  GObject           parent_instance;
  GpSeverity        severity;
  GpDiagnosticCode  code;
  guint             line;
  guint             column;
  char             *file;
  char             *pointer;
  char             *message;
};

G_DEFINE_FINAL_TYPE (GpDiagnostic, gp_diagnostic, G_TYPE_OBJECT)

static void
gp_diagnostic_finalize (GObject *object)
{
  GpDiagnostic *self = GP_DIAGNOSTIC (object);

  g_free (self->file);
  g_free (self->pointer);
  g_free (self->message);

  G_OBJECT_CLASS (gp_diagnostic_parent_class)->finalize (object);
}

static void
gp_diagnostic_class_init (GpDiagnosticClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_diagnostic_finalize;
}

static void
gp_diagnostic_init (GpDiagnostic *self)
{
}

/**
 * gp_diagnostic_new:
 * @pointer: (nullable): JSON pointer of the culprit, "" for the whole document
 * @line: 1-based line, or 0 when the problem is located by @pointer
 *
 * Returns: (transfer full): a new diagnostic
 */
GpDiagnostic *
gp_diagnostic_new (GpSeverity        severity,
                   GpDiagnosticCode  code,
                   const char       *file,
                   const char       *pointer,
                   guint             line,
                   guint             column,
                   const char       *message)
{
  GpDiagnostic *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (GP_TYPE_DIAGNOSTIC, NULL);
  self->severity = severity;
  self->code = code;
  self->file = g_strdup (file);
  self->pointer = g_strdup (pointer);
  self->line = line;
  self->column = column;
  self->message = g_strdup (message);
  return self;
}

GpSeverity
gp_diagnostic_get_severity (GpDiagnostic *self)
{
  g_return_val_if_fail (GP_IS_DIAGNOSTIC (self), GP_SEVERITY_ERROR);
  return self->severity;
}

GpDiagnosticCode
gp_diagnostic_get_code (GpDiagnostic *self)
{
  g_return_val_if_fail (GP_IS_DIAGNOSTIC (self), GP_DIAGNOSTIC_SYNTAX);
  return self->code;
}

const char *
gp_diagnostic_get_file (GpDiagnostic *self)
{
  g_return_val_if_fail (GP_IS_DIAGNOSTIC (self), NULL);
  return self->file;
}

const char *
gp_diagnostic_get_pointer (GpDiagnostic *self)
{
  g_return_val_if_fail (GP_IS_DIAGNOSTIC (self), NULL);
  return self->pointer;
}

guint
gp_diagnostic_get_line (GpDiagnostic *self)
{
  g_return_val_if_fail (GP_IS_DIAGNOSTIC (self), 0);
  return self->line;
}

guint
gp_diagnostic_get_column (GpDiagnostic *self)
{
  g_return_val_if_fail (GP_IS_DIAGNOSTIC (self), 0);
  return self->column;
}

const char *
gp_diagnostic_get_message (GpDiagnostic *self)
{
  g_return_val_if_fail (GP_IS_DIAGNOSTIC (self), NULL);
  return self->message;
}

/**
 * gp_diagnostic_to_string:
 *
 * Formats the diagnostic the way compilers do, so editors can jump to it:
 * `FILE:LINE:COL: error: message` when the position is known, otherwise
 * `FILE#/json/pointer: warning: message`.
 *
 * Returns: (transfer full): the line, without a newline
 */
char *
gp_diagnostic_to_string (GpDiagnostic *self)
{
  const char *severity;
  const char *file;

  g_return_val_if_fail (GP_IS_DIAGNOSTIC (self), NULL);

  severity = self->severity == GP_SEVERITY_ERROR ? "error" : "warning";
  file = self->file != NULL ? self->file : "<input>";

  if (self->line > 0)
    return g_strdup_printf ("%s:%u:%u: %s: %s", file, self->line, self->column,
                            severity, self->message);
  else if (self->pointer != NULL)
    return g_strdup_printf ("%s#%s: %s: %s", file, self->pointer, severity, self->message);
  else
    return g_strdup_printf ("%s: %s: %s", file, severity, self->message);
}

const char *
gp_diagnostic_code_to_string (GpDiagnosticCode code)
{
  static const char * const names[] = {
    [GP_DIAGNOSTIC_UNREADABLE] = "unreadable",
    [GP_DIAGNOSTIC_TOO_LARGE] = "too-large",
    [GP_DIAGNOSTIC_NOT_UTF8] = "not-utf8",
    [GP_DIAGNOSTIC_EMPTY] = "empty",
    [GP_DIAGNOSTIC_SYNTAX] = "syntax",
    [GP_DIAGNOSTIC_TOO_DEEP] = "too-deep",
    [GP_DIAGNOSTIC_DUPLICATE_KEY] = "duplicate-key",
    [GP_DIAGNOSTIC_UNKNOWN_KEY] = "unknown-key",
    [GP_DIAGNOSTIC_WRONG_TYPE] = "wrong-type",
    [GP_DIAGNOSTIC_MISSING_KEY] = "missing-key",
    [GP_DIAGNOSTIC_BAD_VALUE] = "bad-value",
    [GP_DIAGNOSTIC_KEY_NOT_ALLOWED] = "key-not-allowed",
    [GP_DIAGNOSTIC_EMPTY_TEXT] = "empty-text",
    [GP_DIAGNOSTIC_DUPLICATE_ID] = "duplicate-id",
    [GP_DIAGNOSTIC_MISSING_REFERENCE] = "missing-reference",
    [GP_DIAGNOSTIC_UNREACHABLE] = "unreachable",
    [GP_DIAGNOSTIC_NO_END] = "no-end",
    [GP_DIAGNOSTIC_FEW_CHOICES] = "few-choices",
    [GP_DIAGNOSTIC_END_WITH_NEXT] = "end-with-next",
    [GP_DIAGNOSTIC_RECOVERY_LOOP] = "recovery-loop",
    [GP_DIAGNOSTIC_NO_HINTS] = "no-hints",
    [GP_DIAGNOSTIC_NO_TARGET] = "no-target",
    [GP_DIAGNOSTIC_NO_SYSTEM_FAILURE] = "no-system-failure",
    [GP_DIAGNOSTIC_NO_OFFER] = "no-offer",
  };

  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (names), NULL);
  return names[code];
}
