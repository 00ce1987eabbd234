/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gp-application.h"

G_BEGIN_DECLS

#define GP_TYPE_PREFERENCES_WINDOW (gp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GpPreferencesWindow, gp_preferences_window, GP, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Text size and style, kept in @application's settings. */
GtkWidget *gp_preferences_window_new (GpApplication *application);

G_END_DECLS
