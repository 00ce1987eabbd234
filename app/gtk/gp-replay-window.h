/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_REPLAY_WINDOW (gp_replay_window_get_type ())

G_DECLARE_FINAL_TYPE (GpReplayWindow, gp_replay_window, GP, REPLAY_WINDOW, AdwWindow)

/* A recorded session for a debrief: its timeline, the session at the chosen event (read
 * only: nothing here records events) and play / pause at a speed. */
GtkWidget       *gp_replay_window_new        (GpSessionReplay *replay);
GpSessionReplay *gp_replay_window_get_replay (GpReplayWindow  *self);

G_END_DECLS
