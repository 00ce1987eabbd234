/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/gp-types.h>
#include <guidepost/gp-journal.h>
#include <guidepost/gp-session-export.h>

G_BEGIN_DECLS

#define GP_TYPE_SESSIONS_WINDOW (gp_sessions_window_get_type ())

G_DECLARE_FINAL_TYPE (GpSessionsWindow, gp_sessions_window, GP, SESSIONS_WINDOW, AdwWindow)

/* Every session of the journal, and "Export…" to JSON or CSV.
 * @journal: (nullable): @journal_error (nullable) then says why there is none */
GtkWidget *gp_sessions_window_new       (GpJournal        *journal,
                                         GpFlowLibrary    *library,
                                         const GError     *journal_error);
/* What Export does once a file is chosen: writes, then a toast or an error dialog. */
gboolean   gp_sessions_window_export_to (GpSessionsWindow *self,
                                         GFile            *file,
                                         GpExportFormat    format,
                                         GError          **error);
/* What Replay does: opens a replay window on @session_id, or fails saying why. */
gboolean   gp_sessions_window_replay    (GpSessionsWindow *self,
                                         const char       *session_id,
                                         GError          **error);

/* What Evidence Report does: opens the evidence report window on the journal. */
GtkWidget *gp_sessions_window_show_evidence (GpSessionsWindow *self);

G_END_DECLS
