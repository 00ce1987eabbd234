/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/gp-journal.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_REPLAY_WINDOW (gp_replay_window_get_type ())

G_DECLARE_FINAL_TYPE (GpReplayWindow, gp_replay_window, GP, REPLAY_WINDOW, AdwWindow)

/* A recorded session for a debrief: its timeline, the session at the chosen event (read
 * only: nothing here records events) and play / pause at a speed. */
GtkWidget       *gp_replay_window_new        (GpSessionReplay *replay);
GpSessionReplay *gp_replay_window_get_replay (GpReplayWindow  *self);

/* Opens a replay of the journal's session @session_id over @parent.
 * Returns: FALSE with an error saying why (no journal, an unknown session, its flow gone) */
gboolean         gp_replay_window_open       (GtkWindow       *parent,
                                              GpJournal       *journal,
                                              GpFlowLibrary   *library,
                                              const char      *session_id,
                                              GError         **error);

G_END_DECLS
