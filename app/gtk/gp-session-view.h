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
/* Shows an existing (resumed or handed-off) session at its current step. */
void           gp_session_view_show_session (GpSessionView *self,
                                             GpSession     *session);
/* Returns: (transfer none) (nullable) */
GpSession     *gp_session_view_get_session  (GpSessionView *self);
const char    *gp_session_view_get_title    (GpSessionView *self);

G_END_DECLS
