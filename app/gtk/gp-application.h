/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GP_TYPE_APPLICATION (gp_application_get_type ())

G_DECLARE_FINAL_TYPE (GpApplication, gp_application, GP, APPLICATION, AdwApplication)

GpApplication *gp_application_new (void);

G_END_DECLS
