/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/gp-types.h>
#include <guidepost/gp-journal.h>

G_BEGIN_DECLS

#define GP_TYPE_WINDOW (gp_window_get_type ())

G_DECLARE_FINAL_TYPE (GpWindow, gp_window, GP, WINDOW, AdwApplicationWindow)

/* The main window: the flow library and, beside it or in its place, the session. */
GpWindow      *gp_window_new               (GtkApplication *application,
                                            GpFlowLibrary  *library);
/* @journal: (nullable): where sessions are kept; without one they are not saved */
GpWindow      *gp_window_new_with_journal  (GtkApplication *application,
                                            GpFlowLibrary  *library,
                                            GpJournal      *journal);
GpFlowLibrary *gp_window_get_library       (GpWindow       *self);
/* Returns: (transfer none) (nullable) */
GpJournal     *gp_window_get_journal       (GpWindow       *self);

/* Says that sessions cannot be saved, and why; the window keeps working. */
void           gp_window_show_journal_error (GpWindow      *self,
                                             const GError  *error);
void           gp_window_add_toast         (GpWindow       *self,
                                            AdwToast       *toast);

/* What choosing a flow row does: the intake, with the search text as the goal. */
void           gp_window_start_session     (GpWindow       *self,
                                            GpFlow         *flow);
/* Training: the intake of @scenario's flow, for a trainee to play it as @run. */
void           gp_window_start_scenario    (GpWindow       *self,
                                            GpScenario     *scenario,
                                            GpScenarioRun   run);
/* Replays an unfinished session of the journal and shows it where it stopped. */
gboolean       gp_window_resume_session    (GpWindow       *self,
                                            const char     *session_id,
                                            GError        **error);
/* Opens a finished session of the journal in a replay window (what a Recent row does). */
gboolean       gp_window_replay_session    (GpWindow       *self,
                                            const char     *session_id,
                                            GError        **error);
/* Opens the session a customer handed off with @code (as typed); on failure the
 * library shows why under the code entry. */
gboolean       gp_window_open_handoff      (GpWindow       *self,
                                            const char     *code,
                                            GError        **error);
/* Opens a session the customer handed off as a file (exported with "I need help" where
 * the two sides share no journal); on failure the library shows why. */
gboolean       gp_window_open_handoff_file (GpWindow       *self,
                                            GFile          *file,
                                            GError        **error);
/* Re-reads the Continue and Recent lists from the journal. */
void           gp_window_refresh_sessions  (GpWindow       *self);
/* Returns: (transfer none) (nullable): the GpSessionView of the session page */
GtkWidget     *gp_window_get_session_view  (GpWindow       *self);

/* Co-browse: the join form (address, code, name) on the session page; once the agent
 * admits, the page shows their session.  Returns: (transfer none): the GpJoinPage */
GtkWidget     *gp_window_show_join_page    (GpWindow       *self);

G_END_DECLS
