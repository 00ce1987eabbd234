/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_WINDOW (gp_window_get_type ())

G_DECLARE_FINAL_TYPE (GpWindow, gp_window, GP, WINDOW, AdwApplicationWindow)

GpWindow      *gp_window_new         (GtkApplication *application,
                                      GpFlowLibrary  *library);
GpFlowLibrary *gp_window_get_library (GpWindow       *self);

G_END_DECLS
