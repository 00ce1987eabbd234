/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gp-session-view.h"

G_BEGIN_DECLS

#define GP_TYPE_SHARE_WINDOW (gp_share_window_get_type ())

G_DECLARE_FINAL_TYPE (GpShareWindow, gp_share_window, GP, SHARE_WINDOW, AdwWindow)

/* "Share Session…": where to listen, then the join code, the address to give the
 * customer and who has joined.  Starting and stopping go through @view. */
GtkWidget  *gp_share_window_new      (GpSessionView *view);
/* The code as shown ("ABCD-EFGH"), "" when there is none. */
const char *gp_share_window_get_code (GpShareWindow *self);

G_END_DECLS
