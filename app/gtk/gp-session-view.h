/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_SESSION_VIEW (gp_session_view_get_type ())

G_DECLARE_FINAL_TYPE (GpSessionView, gp_session_view, GP, SESSION_VIEW, AdwBin)

/* A whole session in one widget: the intake, the steps, the end.  It observes the
 * session (whoever acted) and acts through the "session." actions. */
GtkWidget     *gp_session_view_new          (void);
/* Shows the intake for @flow; the session is created (with @journal as sink, may be
 * NULL) when the intake is confirmed. */
void           gp_session_view_start        (GpSessionView *self,
                                             GpFlow        *flow,
                                             GpJournal     *journal,
                                             const char    *goal,
                                             GpSessionMode  mode);
/* Training (gp-session-view-training.c): the intake for @scenario's flow, filled in from
 * its customer; on start the session is played against the script (a GpTrainingRun) as
 * @run says, with the trainee as the agent. */
void           gp_session_view_start_scenario (GpSessionView *self,
                                               GpScenario    *scenario,
                                               GpFlow        *flow,
                                               GpJournal     *journal,
                                               GpScenarioRun  run);
/* Returns: (transfer none) (nullable): the run of the scenario played */
GpTrainingRun *gp_session_view_get_training_run (GpSessionView *self);
/* Shows an existing (resumed or handed-off) session at its current step. */
void           gp_session_view_show_session (GpSessionView *self,
                                             GpSession     *session);
/* Returns: (transfer none) (nullable) */
GpSession     *gp_session_view_get_session  (GpSessionView *self);
const char    *gp_session_view_get_title    (GpSessionView *self);

/* Co-browse (gp-session-view-cobrowse.c).  Hosts the shown session on @address (NULL:
 * 127.0.0.1) and @port (0: any) with a fresh join code; knocks and consent questions
 * become dialogs.  Returns: FALSE when it cannot listen */
gboolean        gp_session_view_share        (GpSessionView  *self,
                                              const char     *address,
                                              guint           port,
                                              GError        **error);
/* Returns: (transfer none) (nullable): the host while sharing */
GpCobrowseHost *gp_session_view_get_host     (GpSessionView  *self);
void            gp_session_view_stop_sharing (GpSessionView  *self);
/* Shows the mirror of a welcomed @peer: the view's actions become requests to the host
 * (refusals as toasts), a customer sees customer wording, the connection's state shows
 * above the steps.  The view closes the peer when it goes. */
void            gp_session_view_show_remote  (GpSessionView  *self,
                                              GpCobrowsePeer *peer);
/* Returns: (transfer none) (nullable) */
GpCobrowsePeer *gp_session_view_get_remote   (GpSessionView  *self);

/* Keeps the remote peer's place in @path (NULL: nowhere) after every event, and
 * removes the file when the peer leaves or the session ends: what is left after Guidepost
 * stopped lets the peer come back with gp_cobrowse_peer_new_from_state_file(). */
void            gp_session_view_keep_remote_state (GpSessionView *self,
                                                   const char    *path);

G_END_DECLS
