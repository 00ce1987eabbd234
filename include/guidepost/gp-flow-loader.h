/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

/* Loads and validates a flow file.  Every problem found, errors and warnings, is added
 * to @diagnostics (element-type GpDiagnostic) when it is not NULL; the function returns
 * NULL and sets @error when any of them is an error.  Never crashes or hangs on input. */
GpFlow *gp_flow_load_bytes (GBytes        *bytes,
                            const char    *file_name,
                            GPtrArray     *diagnostics,
                            GError       **error);
GpFlow *gp_flow_load_file  (GFile         *file,
                            GCancellable  *cancellable,
                            GPtrArray     *diagnostics,
                            GError       **error);
/* The same, naming the file @display_name in messages (e.g. as the user typed it). */
GpFlow *gp_flow_load_file_named (GFile        *file,
                                 const char   *display_name,
                                 GCancellable *cancellable,
                                 GPtrArray    *diagnostics,
                                 GError      **error);

/* Returns: the number of diagnostics in @diagnostics with severity @severity */
guint   gp_diagnostics_count (GPtrArray   *diagnostics,
                              GpSeverity   severity);

G_END_DECLS
