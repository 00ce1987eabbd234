/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/gp-types.h>
#include <guidepost/gp-journal.h>

G_BEGIN_DECLS

#define GP_TYPE_APPLICATION (gp_application_get_type ())

G_DECLARE_FINAL_TYPE (GpApplication, gp_application, GP, APPLICATION, AdwApplication)

/* Text size limits and step, as the text-scale setting allows them. */
#define GP_TEXT_SCALE_MIN  0.8
#define GP_TEXT_SCALE_MAX  2.0
#define GP_TEXT_SCALE_STEP 0.1

GpApplication *gp_application_new            (void);
/* Returns: (transfer none) (nullable): NULL when the io.guidepost.Guidepost schema is
 * not installed (the application then keeps its preferences for this run only) */
GSettings     *gp_application_get_settings   (GpApplication *self);
double         gp_application_get_text_scale (GpApplication *self);
void           gp_application_set_text_scale (GpApplication *self,
                                              double         scale);

G_END_DECLS
